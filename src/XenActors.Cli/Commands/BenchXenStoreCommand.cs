using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using XenActors.Hosting.XenStore;
using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;

namespace XenActors.Cli.Commands;

/// <summary>
/// `xenactors bench xenstore`: reads, writes and transaction commits per second over a real unix
/// socket (in-process server) with 1 and 16 clients, with p50/p99 latency, and the same directly on
/// the core as the floor. Prints JSON.
/// </summary>
public static class BenchXenStoreCommand
{
    private static readonly string[] Kinds = ["read", "write", "commit"];

    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per case", DefaultValueFactory = _ => 1.0 };
        var command = new Command("xenstore", "Benchmark the XenStore service over its unix socket and on the core");
        command.Options.Add(seconds);
        command.SetAction(async (parse, ct) =>
        {
            var result = await RunAsync(TimeSpan.FromSeconds(parse.GetValue(seconds)), ct).ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return command;
    }

    public static async Task<Dictionary<string, object>> RunAsync(TimeSpan perCase, CancellationToken ct)
    {
        var socketPath = Path.Combine(Path.GetTempPath(), $"xa-bench-{Environment.ProcessId}.sock");
        var server = new XenStoreServer(new XenStoreServerOptions { SocketPath = socketPath }, NullLogger<XenStoreServer>.Instance);
        var results = new Dictionary<string, object>();
        await using (server.ConfigureAwait(false))
        {
            server.Start();
            using (var setup = new XenStoreSocketClient(socketPath))
            {
                setup.Write("/bench/key", "value");
            }
            foreach (var clients in new[] { 1, 16 })
            {
                foreach (var kind in Kinds)
                {
                    ct.ThrowIfCancellationRequested();
                    results[$"socket_{kind}_{clients}c"] = MeasureSocket(socketPath, kind, clients, perCase);
                }
            }
        }
        foreach (var kind in Kinds)
            results[$"core_{kind}"] = MeasureCore(kind, perCase);
        return results;
    }

    private static Dictionary<string, double> MeasureSocket(string socketPath, string kind, int clients, TimeSpan duration)
    {
        var latencies = new List<long>[clients];
        var threads = new Thread[clients];
        using var start = new Barrier(clients + 1);
        var stopAt = 0L;
        for (var i = 0; i < clients; i++)
        {
            var index = i;
            latencies[i] = new List<long>(200_000);
            threads[i] = new Thread(() =>
            {
                using var client = new XenStoreSocketClient(socketPath);
                var path = $"/bench/c{index}";
                client.Write(path, "0");
                start.SignalAndWait();
                while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt))
                {
                    var t0 = Stopwatch.GetTimestamp();
                    switch (kind)
                    {
                        case "read":
                            client.Request(XsdMessageType.Read, 0, "/bench/key");
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
                    latencies[index].Add(Stopwatch.GetTimestamp() - t0);
                }
            }) { IsBackground = true };
            threads[i].Start();
        }
        Volatile.Write(ref stopAt, long.MaxValue);
        start.SignalAndWait();
        var began = Stopwatch.GetTimestamp();
        Volatile.Write(ref stopAt, began + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        foreach (var t in threads)
            t.Join();
        var elapsed = Stopwatch.GetElapsedTime(began).TotalSeconds;
        return Summarize(latencies.SelectMany(l => l).ToArray(), elapsed);
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
        return Summarize([.. lat], Stopwatch.GetElapsedTime(began).TotalSeconds);
    }

    private static Dictionary<string, double> Summarize(long[] ticks, double seconds)
    {
        Array.Sort(ticks);
        double Percentile(double p) => ticks.Length == 0 ? 0 : ticks[Math.Min(ticks.Length - 1, (int)(p * ticks.Length))] * 1e6 / Stopwatch.Frequency;
        return new Dictionary<string, double>
        {
            ["ops_per_sec"] = Math.Round(ticks.Length / seconds),
            ["p50_us"] = Math.Round(Percentile(0.50), 1),
            ["p99_us"] = Math.Round(Percentile(0.99), 1),
        };
    }

    private sealed class DiscardSink : IXsConnectionSink
    {
        public void WatchEvent(XsConnection connection, string path, string token)
        {
        }

        public void Released(XsConnection connection)
        {
        }
    }
}
