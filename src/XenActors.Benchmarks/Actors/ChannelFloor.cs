using System.Diagnostics;
using System.Threading.Channels;

namespace XenActors.Benchmarks.Actors;

/// <summary>The floor: the same ping-pong on two bare unbounded channels per pair, no actors.</summary>
public static class ChannelFloor
{
    public static async Task<double> PingPongAsync(int pairs, int roundTrips)
    {
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, pairs).Select(_ => Pair(roundTrips))).ConfigureAwait(false);
        return pairs * roundTrips * 2 / sw.Elapsed.TotalSeconds;
    }

    private static Task Pair(int roundTrips)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var ping = Channel.CreateUnbounded<object>(options);
        var pong = Channel.CreateUnbounded<object>(options);
        var message = new object();
        var ponger = Task.Run(async () =>
        {
            for (var i = 0; i < roundTrips; i++) pong.Writer.TryWrite(await ping.Reader.ReadAsync().ConfigureAwait(false));
        });
        var pinger = Task.Run(async () =>
        {
            for (var i = 0; i < roundTrips; i++)
            {
                ping.Writer.TryWrite(message);
                await pong.Reader.ReadAsync().ConfigureAwait(false);
            }
        });
        return Task.WhenAll(ponger, pinger);
    }

    /// <summary>Round-trip latency of one request/reply over two channels (the floor for Ask).</summary>
    public static async Task<double[]> RoundTripsAsync(int samples)
    {
        var request = Channel.CreateUnbounded<object>();
        var reply = Channel.CreateUnbounded<object>();
        var server = Task.Run(async () =>
        {
            await foreach (var m in request.Reader.ReadAllAsync().ConfigureAwait(false)) reply.Writer.TryWrite(m);
        });
        var micros = new double[samples];
        var message = new object();
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            request.Writer.TryWrite(message);
            await reply.Reader.ReadAsync().ConfigureAwait(false);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        request.Writer.Complete();
        await server.ConfigureAwait(false);
        return micros;
    }
}
