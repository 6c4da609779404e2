using System.Diagnostics;
using XenActors.Actor;

namespace XenActors.Hosting.Node.Bench;

/// <summary>Ping-pong with one remote echo: one message in flight, a round-trip time recorded for each.</summary>
public sealed class BenchPinger : ReceiveActor
{
    public sealed record Go(int RoundTrips, TaskCompletionSource<long[]> Done);

    public BenchPinger(IActorRef echo)
    {
        long[] latencies = [];
        TaskCompletionSource<long[]>? done = null;
        var sent = 0L;
        var n = 0;
        Receive<Go>(go =>
        {
            latencies = new long[go.RoundTrips];
            done = go.Done;
            n = 0;
            sent = Stopwatch.GetTimestamp();
            echo.Tell(0, Self);
        });
        Receive<int>(_ =>
        {
            latencies[n++] = Stopwatch.GetTimestamp() - sent;
            if (n == latencies.Length)
            {
                done!.TrySetResult(latencies);
                return;
            }
            sent = Stopwatch.GetTimestamp();
            echo.Tell(n, Self);
        });
    }
}
