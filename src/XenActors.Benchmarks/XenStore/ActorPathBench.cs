using System.Diagnostics;
using XenActors.Actor;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;

namespace XenActors.Benchmarks.XenStore;

/// <summary>
/// The same reads, writes and commits sent as actor messages to the host's <see cref="XenStoreActor"/> (how
/// xend, pciback and pcifront use the store), with 1 and 16 concurrent clients, each a connection of its own.
/// </summary>
public static class ActorPathBench
{
    public static async Task<Dictionary<string, double>> MeasureAsync(string kind, int clients, TimeSpan duration)
    {
        using var system = ActorSystem.Create("xsbench");
        var store = system.ActorOf(XenStoreActor.Props(new SharedXenStore()), "xenstore");
        var owners = Enumerable.Range(0, clients).Select(i => system.ActorOf(Props.Create<Connection>(), $"client-{i}")).ToList();
        var setup = new XenStoreClient(store, 0, owners[0]);
        await setup.WriteAsync("/bench/key", "value").ConfigureAwait(false);
        // Each client writes its own nodes, created up front: concurrent commits to one node would only measure EAGAIN.
        for (var i = 0; i < clients; i++)
        {
            await setup.WriteAsync($"/bench/w{i}", "v").ConfigureAwait(false);
            await setup.WriteAsync($"/bench/t{i}", "v").ConfigureAwait(false);
        }
        var began = Stopwatch.GetTimestamp();
        var end = began + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perClient = await Task.WhenAll(owners.Select((o, i) => Task.Run(() => Loop(new XenStoreClient(store, 0, o), kind, i, end)))).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        await system.Terminate().ConfigureAwait(false);
        return LatencySummary.Of([.. perClient.SelectMany(l => l)], seconds);
    }

    private static async Task<List<long>> Loop(XenStoreClient client, string kind, int index, long end)
    {
        var latencies = new List<long>(100_000);
        var own = $"/bench/w{index}";
        var tx = $"/bench/t{index}";
        while (Stopwatch.GetTimestamp() < end)
        {
            var t0 = Stopwatch.GetTimestamp();
            var result = kind switch
            {
                "read" => await client.ReadAsync("/bench/key").ConfigureAwait(false),
                "write" => await client.WriteAsync(own, "v").ConfigureAwait(false),
                _ => await client.TransactionAsync(async id => (await client.WriteAsync(tx, "v", id).ConfigureAwait(false)).IsOk).ConfigureAwait(false),
            };
            if (!result.IsOk) throw new InvalidOperationException($"bench {kind} failed: {result}");
            latencies.Add(Stopwatch.GetTimestamp() - t0);
        }
        return latencies;
    }

    /// <summary>Stands for a domain's connection: the store ties watches and transactions to this actor.</summary>
    private sealed class Connection : ReceiveActor
    {
        public Connection() => ReceiveAny(_ => { });
    }
}
