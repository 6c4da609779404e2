using System.Diagnostics;
using XenActors.Hosting.XenStore;
using XenActors.Xen.Store.Wire;

namespace XenActors.Benchmarks.XenStore;

/// <summary>
/// N fair clients, one blocking thread each: send a request, wait for its reply, repeat, for a fixed
/// time after a common start. No pipelining, so the figure is round trips a real libxenstore user gets.
/// </summary>
public static class SocketClients
{
    public static Dictionary<string, double> Measure(string socketPath, string kind, int clients, TimeSpan duration)
    {
        var latencies = new List<long>[clients];
        var threads = new Thread[clients];
        using var start = new Barrier(clients + 1);
        var stopAt = long.MaxValue;
        for (var i = 0; i < clients; i++)
        {
            var index = i;
            latencies[i] = new List<long>(200_000);
            threads[i] = new Thread(() => Run(socketPath, kind, index, latencies[index], start, ref stopAt))
            {
                IsBackground = true,
                Name = $"bench-client-{i}",
            };
            threads[i].Start();
        }
        start.SignalAndWait();
        var began = Stopwatch.GetTimestamp();
        Volatile.Write(ref stopAt, began + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        foreach (var t in threads)
            t.Join();
        var elapsed = Stopwatch.GetElapsedTime(began).TotalSeconds;
        return LatencySummary.Of(latencies.SelectMany(l => l).ToArray(), elapsed);
    }

    private static void Run(string socketPath, string kind, int index, List<long> latencies, Barrier start, ref long stopAt)
    {
        using var client = new XenStoreSocketClient(socketPath);
        var path = $"/bench/c{index}";
        if (kind != "read")
            client.Write(path, "0");
        var key = XsPayload.Encode("/bench/key");
        start.SignalAndWait();
        while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt))
        {
            var t0 = Stopwatch.GetTimestamp();
            switch (kind)
            {
                case "read":
                    client.Request(XsdMessageType.Read, 0, key);
                    break;
                case "write":
                    client.Write(path, "v");
                    break;
                default:
                    var tx = client.TransactionStart();
                    client.Write(path, "t", tx);
                    client.TransactionEnd(tx);
                    break;
            }
            latencies.Add(Stopwatch.GetTimestamp() - t0);
        }
    }
}
