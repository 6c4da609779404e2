using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using XenActors.Hosting.XenStore;
using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;

namespace XenActors.Benchmarks.XenStore;

/// <summary>
/// Reads, writes and transaction commits per second over the real unix socket (in-process server)
/// and as actor messages to the XenStore actor, with 1 and 16 clients, against two floors measured in the same run: the same operations straight
/// on the core, and a do-nothing echo server (what the kernel and scheduler charge per round trip).
/// Every client is fair: it sends one request and waits for its reply before the next.
/// </summary>
public static class XenStoreBench
{
    private static readonly string[] Kinds = ["read", "write", "commit"];
    private static readonly int[] ClientCounts = [1, 16];

    public static async Task<Dictionary<string, object>> RunAsync(TimeSpan perCase, CancellationToken ct)
    {
        var results = new Dictionary<string, object>();
        var echoPath = Path.Combine(Path.GetTempPath(), $"xa-bench-echo-{Environment.ProcessId}.sock");
        using (var echo = new SocketEchoFloor(echoPath))
        {
            foreach (var clients in ClientCounts)
                results[$"floor_echo_{clients}c"] = SocketClients.Measure(echoPath, "read", clients, perCase);
        }

        var socketPath = Path.Combine(Path.GetTempPath(), $"xa-bench-{Environment.ProcessId}.sock");
        var server = new XenStoreServer(new XenStoreServerOptions { SocketPath = socketPath }, NullLogger<XenStoreServer>.Instance);
        await using (server.ConfigureAwait(false))
        {
            server.Start();
            using (var setup = new XenStoreSocketClient(socketPath))
                setup.Write("/bench/key", "value");
            foreach (var clients in ClientCounts)
            {
                foreach (var kind in Kinds)
                {
                    ct.ThrowIfCancellationRequested();
                    results[$"socket_{kind}_{clients}c"] = SocketClients.Measure(socketPath, kind, clients, perCase);
                }
            }
        }
        foreach (var clients in ClientCounts)
        {
            foreach (var kind in Kinds)
                results[$"actor_{kind}_{clients}c"] = await ActorPathBench.MeasureAsync(kind, clients, perCase).ConfigureAwait(false);
        }
        foreach (var kind in Kinds)
            results[$"core_{kind}"] = MeasureCore(kind, perCase);
        results["ratios"] = Ratios(results);
        return results;
    }

    /// <summary>Socket throughput as a fraction of each floor: the numbers to compare across runs and machines.</summary>
    private static Dictionary<string, double> Ratios(Dictionary<string, object> r)
    {
        double Ops(string key) => ((Dictionary<string, double>)r[key])["ops_per_sec"];
        var ratios = new Dictionary<string, double>();
        foreach (var clients in ClientCounts)
        {
            ratios[$"socket_read_{clients}c_to_echo_{clients}c"] = Math.Round(Ops($"socket_read_{clients}c") / Ops($"floor_echo_{clients}c"), 3);
            foreach (var kind in Kinds)
            {
                ratios[$"socket_{kind}_{clients}c_to_core_{kind}"] = Math.Round(Ops($"socket_{kind}_{clients}c") / Ops($"core_{kind}"), 4);
                ratios[$"actor_{kind}_{clients}c_to_core_{kind}"] = Math.Round(Ops($"actor_{kind}_{clients}c") / Ops($"core_{kind}"), 4);
            }
        }
        return ratios;
    }

    private static Dictionary<string, double> MeasureCore(string kind, TimeSpan duration)
    {
        var core = new XenStoreCore();
        var conn = core.Connect(0, true, new DiscardSink());
        core.Write(conn, 0, "/bench/key", "value");
        var lat = new List<long>(4_000_000);
        var read = new XsMessage(XsdMessageType.Read, 1, 0, XsPayload.Encode("/bench/key"));
        var write = new XsMessage(XsdMessageType.Write, 1, 0, XsPayload.EncodeWrite("/bench/w", "v"u8));
        var began = Stopwatch.GetTimestamp();
        var end = began + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            for (var i = 0; i < 64; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                switch (kind)
                {
                    case "read":
                        core.Handle(conn, read);
                        break;
                    case "write":
                        core.Handle(conn, write);
                        break;
                    default:
                        core.TransactionStart(conn, out var tx);
                        core.Handle(conn, write with { TxId = tx });
                        core.TransactionEnd(conn, tx, true);
                        break;
                }
                lat.Add(Stopwatch.GetTimestamp() - t0);
            }
        }
        return LatencySummary.Of([.. lat], Stopwatch.GetElapsedTime(began).TotalSeconds);
    }
}
