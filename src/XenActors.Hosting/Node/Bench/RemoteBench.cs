using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Remote;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// <c>xenactors bench remote</c>: actor ping-pong between this process and a responder process over loopback,
/// for 1 and 8 pairs, against the bare-socket floor measured in the same run.
/// </summary>
public static class RemoteBench
{
    public const string SecretVariable = "XENACTORS_BENCH_SECRET";

    /// <summary>The responder: an echo actor on remoting and a bare echo socket; prints their ports, runs until stdin closes.</summary>
    public static async Task<int> RespondAsync(TextReader stdin, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        using var system = ActorSystem.Create("bench", new ActorSystemSetup());
        var remoting = Remoting.Start(system, new RemoteSettings { Port = 0, Secret = Environment.GetEnvironmentVariable(SecretVariable) ?? "" });
        system.ActorOf(Props.Create<BenchEcho>(), "echo");
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        _ = BareSocketFloor.ServeAsync(listener);
        await stdout.WriteLineAsync($"READY {remoting.Address.Port} {((IPEndPoint)listener.LocalEndPoint!).Port}").ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        while (await stdin.ReadLineAsync().ConfigureAwait(false) is not null) { }
        await remoting.AbortAsync().ConfigureAwait(false);
        return 0;
    }

    public static async Task<RemoteBenchReport> RunAsync(string dllPath, int roundTrips, Action<string>? progress)
    {
        var secret = Guid.NewGuid().ToString("N");
        using var responder = await BenchResponder.StartAsync(dllPath, secret).ConfigureAwait(false);
        var remotePort = responder.RemotingPort;
        var rawPort = responder.RawPort;
        progress?.Invoke($"responder pid {responder.Pid}: remoting on {remotePort}, bare socket on {rawPort}");
        using var system = ActorSystem.Create("bench", new ActorSystemSetup());
        var remoting = Remoting.Start(system, new RemoteSettings { Port = 0, Secret = secret });
        var echo = remoting.Resolve($"xen://bench@127.0.0.1:{remotePort}/user/echo");
        // Warm up: JIT, association, the floor's connection.
        await PingPongAsync(system, echo, 1, Math.Min(roundTrips, 20_000)).ConfigureAwait(false);
        await BareSocketFloor.RunAsync(rawPort, 1, Math.Min(roundTrips, 20_000), 64).ConfigureAwait(false);
        var runs = new List<RemoteBenchRun>();
        foreach (var pairs in new[] { 1, 8 })
        {
            progress?.Invoke($"{pairs} pair(s): actors");
            var bytesBefore = remoting.BytesWritten;
            var (elapsed, latencies) = await PingPongAsync(system, echo, pairs, roundTrips).ConfigureAwait(false);
            var messagesSent = latencies.Length;
            var bytesPerMessage = (double)(remoting.BytesWritten - bytesBefore) / messagesSent;
            progress?.Invoke($"{pairs} pair(s): bare socket floor");
            var (floorElapsed, floorLatencies) = await BareSocketFloor.RunAsync(rawPort, pairs, roundTrips, (int)Math.Round(bytesPerMessage)).ConfigureAwait(false);
            var rate = 2.0 * latencies.Length / elapsed.TotalSeconds;
            var floorRate = 2.0 * floorLatencies.Length / floorElapsed.TotalSeconds;
            runs.Add(new RemoteBenchRun(pairs, Math.Round(rate), Math.Round(floorRate), Math.Round(rate / floorRate, 3),
                Percentiles.MicrosecondsOf(latencies, 0.50), Percentiles.MicrosecondsOf(latencies, 0.99), Percentiles.MicrosecondsOf(floorLatencies, 0.50), Math.Round(bytesPerMessage, 1)));
        }
        await remoting.AbortAsync().ConfigureAwait(false);
        return new RemoteBenchReport(roundTrips, [.. runs],
            "messages/s counts both directions; the floor is the same ping-pong over one bare TCP connection with the same framing and frame size; bytes are frame bytes written per message one way");
    }

    private static async Task<(TimeSpan Elapsed, long[] Latencies)> PingPongAsync(ActorSystem system, IActorRef echo, int pairs, int roundTrips)
    {
        var perPair = roundTrips / pairs;
        var pingers = Enumerable.Range(0, pairs).Select(_ => system.ActorOf(Props.Create(() => new BenchPinger(echo)))).ToList();
        var done = pingers.Select(_ => new TaskCompletionSource<long[]>(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < pairs; i++) pingers[i].Tell(new BenchPinger.Go(perPair, done[i]), null);
        var results = await Task.WhenAll(done.Select(d => d.Task)).WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        var elapsed = watch.Elapsed;
        foreach (var p in pingers) system.Stop(p);
        return (elapsed, [.. results.SelectMany(r => r)]);
    }
}
