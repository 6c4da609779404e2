using System.Diagnostics;
using XenActors.Actor;
using XenActors.Hosting.Node.Bench;

namespace XenActors.Benchmarks.Actors;

/// <summary>
/// The quick actor benchmark behind <c>xenactors bench actors</c>: in-process ping-pong for 1 and 2×cores pairs
/// against a bare-channel floor from the same run, Ask latency, spawning and stopping many actors, and bytes
/// allocated per message on the hot path.
/// </summary>
public static class ActorBench
{
    public static async Task<ActorBenchReport> RunAsync(int roundTrips = 200_000, int spawnCount = 100_000, Action<string>? progress = null)
    {
        var total = Stopwatch.StartNew();
        var cores = Environment.ProcessorCount;
        using var system = ActorSystem.Create("bench");

        // Warm both paths so JIT tiering does not count against the first measurement.
        await ActorPingPongAsync(system, 1, 20_000).ConfigureAwait(false);
        await ChannelFloor.PingPongAsync(1, 20_000).ConfigureAwait(false);

        var results = new List<PingPongResult>();
        foreach (var pairs in new[] { 1, 2 * cores })
        {
            progress?.Invoke($"ping-pong, {pairs} pair(s)");
            var perPair = roundTrips / pairs * (pairs == 1 ? 1 : 2);
            var floor = Best(await Repeat(3, () => ChannelFloor.PingPongAsync(pairs, perPair)).ConfigureAwait(false));
            var actors = Best(await Repeat(3, () => ActorPingPongAsync(system, pairs, perPair)).ConfigureAwait(false));
            results.Add(new PingPongResult(pairs, (long)pairs * perPair * 2, actors, floor));
        }

        progress?.Invoke("allocations per message");
        var bytesPerMessage = await MeasureAllocationsAsync(system, roundTrips).ConfigureAwait(false);

        progress?.Invoke("ask latency");
        var ask = await AskLatencyAsync(system, 20_000).ConfigureAwait(false);

        progress?.Invoke($"spawn and stop {spawnCount} actors");
        var spawn = await SpawnAsync(system, spawnCount).ConfigureAwait(false);

        await system.Terminate().ConfigureAwait(false);
        return new ActorBenchReport
        {
            Cores = cores,
            PingPong = results,
            Ask = ask,
            Spawn = spawn,
            BytesAllocatedPerMessage = bytesPerMessage,
            TotalSeconds = total.Elapsed.TotalSeconds,
        };
    }

    private static async Task<double[]> Repeat(int times, Func<Task<double>> run)
    {
        var values = new double[times];
        for (var i = 0; i < times; i++) values[i] = await run().ConfigureAwait(false);
        return values;
    }

    private static double Best(double[] values) => values.Max();

    public static async Task<double> ActorPingPongAsync(ActorSystem system, int pairs, int roundTrips)
    {
        var done = new List<Task>();
        var actors = new List<IActorRef>();
        var starts = new List<(IActorRef Pinger, IActorRef Ponger)>();
        for (var p = 0; p < pairs; p++)
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ponger = system.ActorOf(Props.FromFactory(() => new PingPongActor(roundTrips, null)));
            var pinger = system.ActorOf(Props.FromFactory(() => new PingPongActor(roundTrips, tcs)));
            starts.Add((pinger, ponger));
            actors.Add(pinger);
            actors.Add(ponger);
            done.Add(tcs.Task);
        }
        var sw = Stopwatch.StartNew();
        foreach (var (pinger, ponger) in starts) pinger.Tell(ponger, ActorRefs.NoSender);
        await Task.WhenAll(done).ConfigureAwait(false);
        var rate = pairs * (double)roundTrips * 2 / sw.Elapsed.TotalSeconds;
        foreach (var a in actors) system.Stop(a);
        return rate;
    }

    /// <summary>Bytes the whole process allocates per message while one pair bounces a preallocated message.</summary>
    private static async Task<double> MeasureAllocationsAsync(ActorSystem system, int roundTrips)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await ActorPingPongAsync(system, 1, roundTrips).ConfigureAwait(false);
        var after = GC.GetTotalAllocatedBytes(precise: true);
        return (after - before) / (roundTrips * 2.0);
    }

    private static async Task<LatencyResult> AskLatencyAsync(ActorSystem system, int samples)
    {
        var echo = system.ActorOf(Props.FromFactory(() => new PingPongActor(0, null)));
        var message = PingPongActor.Ball.Instance;
        for (var i = 0; i < 2_000; i++) await echo.Ask<PingPongActor.Ball>(message).ConfigureAwait(false);
        var micros = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await echo.Ask<PingPongActor.Ball>(message).ConfigureAwait(false);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        system.Stop(echo);
        var floor = await ChannelFloor.RoundTripsAsync(samples).ConfigureAwait(false);
        return new LatencyResult(samples, Percentiles.Of(micros, 0.50), Percentiles.Of(micros, 0.99), Percentiles.Of(floor, 0.50));
    }

    private static async Task<SpawnResult> SpawnAsync(ActorSystem system, int count)
    {
        var counter = new SpawnCounter(count);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var childProps = Props.FromFactory(() => new SpawnChild(counter));
        var parent = system.ActorOf(Props.FromFactory(() => new SpawnParent(childProps, stopped)));
        var sw = Stopwatch.StartNew();
        parent.Tell(count, ActorRefs.NoSender);
        await counter.AllStarted.Task.ConfigureAwait(false);
        var spawned = sw.Elapsed.TotalSeconds;
        sw.Restart();
        parent.Tell("stop", ActorRefs.NoSender);
        await stopped.Task.ConfigureAwait(false);
        return new SpawnResult(count, spawned, sw.Elapsed.TotalSeconds);
    }
}
