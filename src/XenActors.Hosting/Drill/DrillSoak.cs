using System.Diagnostics;
using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Xen.Drill;

namespace XenActors.Hosting.Drill;

/// <summary>
/// <c>xenactors drill soak</c>: N drills of one guest back and forth between host-a and host-b (like Xen's ten
/// local migrations in a row), each with a seeded random fault if asked, and the invariants checked after each
/// (<see cref="XenHostDrill.CheckInvariantsAsync"/>; after a rollback also "things are as they were"). A host
/// whose driver domain was killed has no pciback any more: the hosts are booted afresh before the next drill.
/// </summary>
public static class DrillSoak
{
    public sealed record Drill(int Number, string Fault, string From, string To, string Outcome, double Seconds, IReadOnlyList<string> Violations);

    public sealed record Result(IReadOnlyList<Drill> Drills, IReadOnlyDictionary<string, int> FaultMix, double TotalSeconds)
    {
        public bool InvariantsHeld => Drills.All(d => d.Violations.Count == 0);
    }

    public static async Task<Result> RunAsync(int count, bool randomFaults, int seed, XenHostDrillOptions options, Action<Drill>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(seed);
        var drills = new List<Drill>();
        var total = Stopwatch.StartNew();
        ActorSystem? system = null;
        XenHostDrill? world = null;
        try
        {
            for (var n = 1; n <= count && !cancellation.IsCancellationRequested; n++)
            {
                if (world is null)
                {
                    system = ActorSystem.Create("drill-soak", new ActorSystemSetup());
                    world = new XenHostDrill(system, options with { Guests = 1 });
                    await world.StartAsync();
                }

                var fault = randomFaults ? (random.Next(2) == 0 ? DrillFault.None : DrillFaults.All[random.Next(DrillFaults.All.Count)]) : DrillFault.None;
                var guest = world.Guests["guest1"];
                var from = guest.Host;
                var to = XenHostDrill.OtherHost(from);
                var before = await world.SnapshotAllAsync();
                var watch = Stopwatch.StartNew();
                var report = await world.RunAsync("guest1", to, fault, cancellation);
                var violations = (await world.CheckInvariantsAsync(report.Outcome == "completed" ? null : before)).ToList();
                if (fault == DrillFault.None && report.Outcome != "completed")
                    violations.Add($"a drill without faults did not complete: {report.Reason}");
                if (report.Outcome == "completed" && (report.PacketsLost != 0 || !report.MemoryChecksumMatch))
                    violations.Add($"completed with {report.PacketsLost} packets lost, checksum match {report.MemoryChecksumMatch}");
                var drill = new Drill(n, DrillFaults.Name(fault), from, to, report.Outcome, watch.Elapsed.TotalSeconds, violations);
                drills.Add(drill);
                progress?.Invoke(drill);
                if (fault == DrillFault.KillSourceDriver)
                {
                    world.StopWorkloads();
                    await system!.Terminate();
                    system = null;
                    world = null;
                }
            }
        }
        finally
        {
            world?.StopWorkloads();
            if (system is not null)
                await system.Terminate();
        }

        var mix = drills.GroupBy(d => d.Fault).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return new Result(drills, mix, total.Elapsed.TotalSeconds);
    }
}
