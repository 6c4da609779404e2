using XenActors.Actor;
using XenActors.Xen.Migration;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Drill;

// Running drills: one guest to a host, or every guest to the other host, with a fault injected if asked.
public sealed partial class XenHostDrill
{
    private int runs;

    /// <summary>Every guest to the other host at once (staggered warm-ups); the reports ordered by guest.</summary>
    public async Task<IReadOnlyList<DrillReport>> RunAllAsync(DrillFault fault = DrillFault.None, CancellationToken cancellation = default)
    {
        NewRecorder();
        var drills = guests.Values.OrderBy(g => g.Name, StringComparer.Ordinal)
            .Select((g, i) => RunOneAsync(g, OtherHost(g.Host), fault, options.Warmup * (i + 1), cancellation))
            .ToList();
        return [.. await Task.WhenAll(drills)];
    }

    /// <summary>One guest to <paramref name="to"/>.</summary>
    public Task<DrillReport> RunAsync(string guest, string to, DrillFault fault = DrillFault.None, CancellationToken cancellation = default)
    {
        if (!guests.TryGetValue(guest, out var g))
            throw new ArgumentException($"no guest '{guest}' (there are {string.Join(", ", guests.Keys)})", nameof(guest));
        if (!hosts.ContainsKey(to))
            throw new ArgumentException($"no host '{to}' (there are {string.Join(", ", hosts.Keys)})", nameof(to));
        if (g.Host == to)
            throw new ArgumentException($"{guest} already runs on {to}", nameof(to));
        NewRecorder();
        return RunOneAsync(g, to, fault, options.Warmup, cancellation);
    }

    private void NewRecorder()
    {
        var next = new DrillRecorder();
        foreach (var g in guests.Values.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            next.DeclareLanes(
                DrillLanes.Drill(g.Name),
                DrillLanes.Xend(HostA),
                DrillLanes.PreCopy(g.Name),
                DrillLanes.Pciback(HostA),
                DrillLanes.Hypervisor(HostA),
                DrillLanes.Pcifront(g.Name),
                DrillLanes.BondPhysical(g.Name),
                DrillLanes.BondVirtual(g.Name),
                DrillLanes.Xend(HostB),
                DrillLanes.Pciback(HostB),
                DrillLanes.Hypervisor(HostB));
        }

        lock (gate)
        {
            recorder = next;
        }
    }

    private async Task<DrillReport> RunOneAsync(DrillGuestRuntime g, string to, DrillFault fault, TimeSpan warmup, CancellationToken cancellation)
    {
        var from = g.Host;
        var endpoints = hosts.ToDictionary(h => h.Key, h => h.Value.Endpoint);
        var restorePool = await BeforeAsync(g, to, fault);
        using var injector = InjectDuringCopy(g, from, fault);
        var current = Recorder;
        var guest = new DrillGuest
        {
            Name = g.Name,
            Domid = g.Domid,
            From = from,
            To = to,
            Mac = g.Mac,
            SourceMigration = hosts[from].Migration,
            DestinationMigration = hosts[to].Migration,
            Link = endpoint =>
            {
                var link = new SimulatedMigrationLink(system.TimeProvider, endpoint) { PartitionTimeout = options.PartitionTimeout }.WithBandwidth(options.LinkBytesPerSecond);
                g.Link = link;
                return link;
            },
            Hotplug = new XendDeviceHotplug(endpoints, g.Driver, BondedNicSlot, options.UnplugAcknowledgeTimeout, options.XendTimeout * 4, placement),
            Relocation = new XendRelocation(endpoints, options.XendTimeout * 4, (host, _, domid) => hosts[host].GuestNames[domid] = g.Name),
            Bond = g.Bond,
            Generator = g.Generator,
            Sink = g.Sink,
            DestinationNetback = g.Netbacks[to],
            // A link too slow for pre-copy to converge is the throttle fault's failure: give up and stay on the source
            // rather than pause the guest for as long as the rest takes.
            Migration = fault == DrillFault.Throttle ? options.Migration with { OnNonConvergence = NonConvergencePolicy.Abort } : options.Migration,
            Moved = (host, domid) => g.Workload.MoveTo(hosts[host].Gate, domid),
            Cancellation = cancellation,
            MemoryIntact = g.Workload.MemoryIntact,
            Warmup = warmup,
            Settle = options.Settle,
        };
        var drill = system.ActorOf(Props.Create(() => new MigrationDrillActor(guest, current)), $"drill-{g.Name}-{Interlocked.Increment(ref runs)}");
        try
        {
            var report = await drill.Ask<DrillReport>(RunDrill.Instance, TimeSpan.FromMinutes(2));
            g.Host = report.RunsOn;
            g.Domid = report.Domid;
            return report;
        }
        finally
        {
            system.Stop(drill);
            g.Driver.Unresponsive = false;
            g.Link = null;
            await restorePool();
        }
    }

    /// <summary>Faults set up before the drill starts; returns what puts things back after it.</summary>
    private async Task<Func<Task>> BeforeAsync(DrillGuestRuntime g, string to, DrillFault fault)
    {
        switch (fault)
        {
            case DrillFault.UnplugTimeout:
                g.Driver.Unresponsive = true;
                break;
            case DrillFault.NoMatchingDevice:
                // Every dual-port NIC function of the destination leaves its pool (back to dom0) for this drill.
                var pool = (await Xm(to, new XmPciAssignableList())).Lines;
                var dual = hosts[to].Host.Inventory.Functions.Where(f => f.Address.Bus == 3).Select(f => f.Address.ToString()).Where(pool.Contains).ToList();
                foreach (var bdf in dual)
                    await Xm(to, new XmPciAssignableRemove(bdf));
                return async () =>
                {
                    foreach (var bdf in dual)
                        await Xm(to, new XmPciAssignableAdd(bdf));
                };
        }

        return () => Task.CompletedTask;
    }

    /// <summary>Faults that strike during pre-copy: once the first round is sent (a throttle: as soon as the link is up).</summary>
    private IDisposable InjectDuringCopy(DrillGuestRuntime g, string from, DrillFault fault)
    {
        if (fault is not (DrillFault.KillDestination or DrillFault.KillSourceDriver or DrillFault.Partition or DrillFault.Throttle))
            return new NoSubscription();
        // A throttle must be in place before round 1 ends, or the stop rule sees round 1's full speed.
        var when = fault == DrillFault.Throttle ? "log-dirty on" : "round 1:";
        var fired = 0;
        return system.EventStream.Subscribe<MigrationTrace>(t =>
        {
            if (t.Guest != g.Name || t.Side != MigrationSide.Source || !t.Label.StartsWith(when, StringComparison.Ordinal) || g.Link is not { } link || Interlocked.Exchange(ref fired, 1) == 1)
                return;
            Recorder.Mark(DrillLanes.Drill(g.Name), system.TimeProvider.GetUtcNow(), "fault: " + DrillFaults.Name(fault));
            switch (fault)
            {
                case DrillFault.KillDestination:
                    link.ResetAfter(link.RecordsSent); // the next record meets a dead relocation server
                    break;
                case DrillFault.KillSourceDriver:
                    _ = hosts[from].Host.KillDriverDomain();
                    break;
                case DrillFault.Partition:
                    link.Partition();
                    break;
                case DrillFault.Throttle:
                    // Three quarters of the guest's dirtying rate: every round leaves more dirty pages than it sent.
                    link.Throttle(Math.Max(1, (long)(options.Workload.PagesPerSecond * (Hypervisor.XenHypervisor.PageSize + MigrationDefaults.PfnEntryBytes) * 3 / 4)));
                    break;
            }
        });
    }

    private sealed class NoSubscription : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
