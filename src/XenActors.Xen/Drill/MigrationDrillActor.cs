using XenActors.Actor;
using XenActors.Xen.Migration;
using XenActors.Xen.Network;

namespace XenActors.Xen.Drill;

/// <summary>
/// Runs the seed's drill for one guest: traffic warm-up on the physical path; hot-remove every pass-through
/// device (the bond fails over to the virtual path); live-migrate; hot-add a matching device on the destination
/// (the bond returns to the physical path); let traffic settle; then report. If the migration fails the
/// devices are hot-added back on the source. Records phases, migration steps, rounds and failovers on the
/// <see cref="DrillRecorder"/>, and answers <see cref="RunDrill"/> with a <see cref="DrillReport"/>.
/// </summary>
public sealed class MigrationDrillActor : ReceiveActor
{
    private static readonly TimeSpan Drain = TimeSpan.FromMilliseconds(10);
    private readonly DrillGuest guest;
    private readonly DrillRecorder recorder;
    private readonly List<DrillPhase> phases = [];
    private IActorRef requester = ActorRefs.Nobody;
    private string? phase;
    private DateTimeOffset phaseStart;
    private (NicPath Path, DateTimeOffset Since)? active;
    private IReadOnlyList<PassThroughDevice> before = [];
    private IReadOnlyList<PassThroughDevice> after = [];
    private MigrationResult? migration;
    private long sent;

    public MigrationDrillActor(DrillGuest guest, DrillRecorder recorder)
    {
        this.guest = guest;
        this.recorder = recorder;
        Receive<RunDrill>(_ => Start());
        Receive<PhaseElapsed>(m => Elapsed(m.Phase));
        Receive<HotplugDone>(Hotplugged);
        Receive<MigrationResult>(Migrated);
        Receive<MigrationTrace>(m => m.Guest == guest.Name, Traced);
        Receive<ActiveSlaveChanged>(m => m.Mac == guest.Mac, Failover);
        Receive<TrafficSent>(m =>
        {
            sent = m.Packets;
            Context.System.Scheduler.ScheduleTellOnce(Drain, Self, new PhaseElapsed("drain"), Self);
        });
        Receive<TrafficReport>(Report);
    }

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<MigrationTrace>(Self);
        Context.System.EventStream.Subscribe<ActiveSlaveChanged>(Self);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Start()
    {
        requester = Sender;
        active = (NicPath.Physical, Now);
        guest.Generator.Tell(StartTraffic.Instance);
        Enter(DrillPhaseNames.Warmup);
        Context.System.Scheduler.ScheduleTellOnce(guest.Warmup, Self, new PhaseElapsed(DrillPhaseNames.Warmup), Self);
    }

    private void Elapsed(string elapsed)
    {
        var self = Self;
        switch (elapsed)
        {
            case DrillPhaseNames.Warmup:
                Enter(DrillPhaseNames.HotRemove);
                guest.Hotplug.HotRemoveAll(guest.From, guest.Domid, r => self.Tell(new HotplugDone(r)));
                break;
            case DrillPhaseNames.Settle:
                Enter(null);
                guest.Generator.Tell(StopTraffic.Instance, Self);
                break;
            default: // drained: everything sent has arrived
                guest.Sink.Tell(new GetTrafficReport(sent), Self);
                break;
        }
    }

    private void Hotplugged(HotplugDone done)
    {
        if (phase == DrillPhaseNames.HotRemove)
        {
            before = done.Result.Devices;
            if (!done.Result.Succeeded)
            {
                Mark(DrillLanes.Drill(guest.Name), $"hot-remove failed: {done.Result.Error}");
                Settle();
                return;
            }

            Enter(DrillPhaseNames.Migrate);
            guest.SourceMigration.Tell(new MigrateGuest(guest.Domid, guest.DestinationMigration, guest.Link, guest.Migration), Self);
            return;
        }

        after = done.Result.Devices;
        if (!done.Result.Succeeded)
        {
            Mark(DrillLanes.Drill(guest.Name), $"hot-add failed: {done.Result.Error}");
        }

        Settle();
    }

    private void Migrated(MigrationResult result)
    {
        migration = result;
        foreach (var round in result.Rounds)
        {
            var name = round.StopAndCopy ? $"last iteration: {round.PagesSent} pages" : $"round {round.Round}: {round.PagesSent} pages";
            recorder.Span(DrillLanes.PreCopy(guest.Name), name, round.Start, round.Start + round.Duration);
        }

        var self = Self;
        Enter(DrillPhaseNames.HotAdd);
        if (result is { Outcome: MigrationOutcome.Completed, DestinationDomid: { } domid })
        {
            guest.Moved?.Invoke(guest.To, domid);
            guest.Hotplug.HotAddMatching(guest.To, domid, before, r => self.Tell(new HotplugDone(r)));
        }
        else
        {
            // The guest stayed: give it its devices back where it is.
            guest.Hotplug.HotAddMatching(guest.From, guest.Domid, before, r => self.Tell(new HotplugDone(r)));
        }
    }

    private void Traced(MigrationTrace trace)
    {
        var lane = trace.Side == MigrationSide.Source && (trace.Label.StartsWith("round", StringComparison.Ordinal) || trace.Label.StartsWith("last iteration", StringComparison.Ordinal))
            ? DrillLanes.PreCopy(guest.Name)
            : DrillLanes.Xend(trace.Host);
        recorder.Mark(lane, trace.At, trace.Label);
        if (trace.Side == MigrationSide.Source && trace.Label.StartsWith("suspended", StringComparison.Ordinal))
        {
            guest.Generator.Tell(GuestSuspended.Instance);
        }
        else if (trace.Label.Contains("resumed", StringComparison.Ordinal))
        {
            if (trace.Side == MigrationSide.Destination)
            {
                guest.Bond.Tell(new RebindSlave(NicPath.Virtual, guest.DestinationNetback));
            }

            guest.Generator.Tell(GuestResumed.Instance);
        }
    }

    private void Failover(ActiveSlaveChanged change)
    {
        if (active is { } current)
        {
            recorder.Span(Lane(current.Path), "active", current.Since, change.At);
        }

        active = change.To is { } path ? (path, change.At) : null;
        recorder.Mark(change.To is { } to ? Lane(to) : DrillLanes.BondVirtual(guest.Name), change.At, $"active slave {change.To?.ToString() ?? "none"} ({change.Reason})");
    }

    private void Settle()
    {
        Enter(DrillPhaseNames.Settle);
        Context.System.Scheduler.ScheduleTellOnce(guest.Settle, Self, new PhaseElapsed(DrillPhaseNames.Settle), Self);
    }

    private void Report(TrafficReport traffic)
    {
        if (active is { } current)
        {
            recorder.Span(Lane(current.Path), "active", current.Since, Now);
        }

        recorder.AddSamples(traffic.Samples);
        var report = new DrillReport
        {
            Guest = guest.Name,
            From = guest.From,
            To = guest.To,
            Outcome = (migration?.Outcome ?? MigrationOutcome.Refused).ToString().ToLowerInvariant(),
            Phases = [.. phases],
            Rounds = migration?.Rounds.Select(DrillRound.From).ToList() ?? [],
            DowntimeMs = migration?.Downtime.TotalMilliseconds ?? 0,
            PacketsSent = traffic.Sent,
            PacketsLost = traffic.Lost,
            PacketsDuplicated = traffic.Duplicated,
            MemoryChecksumMatch = migration?.ChecksumMatch ?? false,
            DevicesBefore = [.. before.Select(d => d.ToString())],
            DevicesAfter = [.. after.Select(d => d.ToString())],
        };
        requester.Tell(report);
        Context.System.EventStream.Publish(report);
    }

    private void Enter(string? next)
    {
        var now = Now;
        if (phase is not null)
        {
            phases.Add(new DrillPhase(phase, phaseStart, now));
            recorder.Span(DrillLanes.Drill(guest.Name), phase, phaseStart, now);
        }

        phase = next;
        phaseStart = now;
    }

    private void Mark(string lane, string label) => recorder.Mark(lane, Now, label);

    private string Lane(NicPath path) => path == NicPath.Physical ? DrillLanes.BondPhysical(guest.Name) : DrillLanes.BondVirtual(guest.Name);
}
