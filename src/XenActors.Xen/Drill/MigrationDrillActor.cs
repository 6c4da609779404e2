using XenActors.Actor;
using XenActors.Xen.Migration;
using XenActors.Xen.Network;

namespace XenActors.Xen.Drill;

/// <summary>
/// Runs the seed's drill for one guest: traffic warm-up on the physical path; check the destination can take
/// the guest's devices; hot-remove every pass-through device (the bond fails over to the virtual path);
/// live-migrate; relocate (destination xend takes the domain over, source xend destroys the old one); hot-add
/// matching devices on the destination (the bond returns to the physical path); let traffic settle; report.
/// Rollback: a failure or cancellation before switch-over hot-adds what was removed back on the source, so the
/// guest ends where it started with its devices; after switch-over the drill finishes on the destination.
/// Records phases, migration steps, rounds and failovers on the <see cref="DrillRecorder"/>, and answers
/// <see cref="RunDrill"/> with a <see cref="DrillReport"/>.
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
    private IReadOnlyList<PassThroughDevice> removed = [];
    private IReadOnlyList<PassThroughDevice> after = [];
    private MigrationResult? migration;
    private string? outcome;
    private string? reason;
    private string runsOn;
    private int domid;
    private bool cancelled;
    private bool switchedOver;
    private CancellationTokenRegistration cancellation;
    private long sent;

    public MigrationDrillActor(DrillGuest guest, DrillRecorder recorder)
    {
        this.guest = guest;
        this.recorder = recorder;
        runsOn = guest.From;
        domid = guest.Domid;
        Receive<RunDrill>(_ => Start());
        Receive<PhaseElapsed>(m => Elapsed(m.Phase));
        Receive<Checked>(m => OnChecked(m.Result));
        Receive<HotplugDone>(Hotplugged);
        Receive<MigrationResult>(Migrated);
        Receive<RelocationDone>(m => Relocated(m.Error));
        Receive<CancelRequested>(_ => OnCancel());
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
        var self = Self;
        cancellation = guest.Cancellation.Register(() => self.Tell(CancelRequested.Instance));
    }

    protected override void PostStop()
    {
        cancellation.Dispose();
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void Start()
    {
        requester = Sender;
        active = (NicPath.Physical, Now);
        guest.Generator.Tell(StartTraffic.Instance);
        Enter(DrillPhaseNames.Warmup);
        Context.System.Scheduler.ScheduleTellOnce(guest.Warmup, Self, new PhaseElapsed(DrillPhaseNames.Warmup), Self);
    }

    private void OnCancel()
    {
        if (cancelled || switchedOver)
        {
            return; // after switch-over the guest is the destination's: the drill finishes there
        }

        cancelled = true;
        Mark(DrillLanes.Drill(guest.Name), "cancel requested");
        if (phase == DrillPhaseNames.Warmup)
        {
            Finish("cancelled", "cancelled during warm-up", before);
        }

        // hot-remove: rolls back when it completes; migrate: the engine sees the token and aborts.
    }

    private void Elapsed(string elapsed)
    {
        var self = Self;
        switch (elapsed)
        {
            case DrillPhaseNames.Warmup:
                if (phase != DrillPhaseNames.Warmup)
                {
                    return; // cancelled meanwhile
                }

                Enter(DrillPhaseNames.HotRemove);
                guest.Hotplug.CheckMatching(guest.From, guest.Domid, guest.To, r => self.Tell(new Checked(r)));
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

    private void OnChecked(HotplugResult result)
    {
        before = result.Devices;
        if (!result.Succeeded)
        {
            Mark(DrillLanes.Drill(guest.Name), $"refused: {result.Error}");
            Finish("refused", result.Error, before);
            return;
        }

        if (cancelled)
        {
            Finish("cancelled", "cancelled before hot-remove", before);
            return;
        }

        var self = Self;
        Progress($"hot-removing {before.Count} function(s) from dom {guest.Domid} on {guest.From}");
        guest.Hotplug.HotRemoveAll(guest.From, guest.Domid, r => self.Tell(new HotplugDone(r)));
    }

    private void Hotplugged(HotplugDone done)
    {
        if (phase == DrillPhaseNames.HotRemove)
        {
            removed = done.Result.Devices;
            if (!done.Result.Succeeded)
            {
                Mark(DrillLanes.Drill(guest.Name), $"hot-remove failed: {done.Result.Error}");
                RollBack("failed", $"hot-remove: {done.Result.Error}");
                return;
            }

            if (cancelled)
            {
                RollBack("cancelled", "cancelled during hot-remove");
                return;
            }

            Enter(DrillPhaseNames.Migrate);
            guest.SourceMigration.Tell(new MigrateGuest(guest.Domid, guest.DestinationMigration, guest.Link, guest.Migration) { Cancellation = guest.Cancellation }, Self);
            return;
        }

        if (phase == DrillPhaseNames.Rollback)
        {
            // What was never removed plus what came back.
            after = [.. before.Where(d => !removed.Contains(d)).Concat(done.Result.Devices).OrderBy(d => d.VirtualSlot).ThenBy(d => d.Address)];
        }
        else
        {
            after = done.Result.Devices;
        }

        if (!done.Result.Succeeded)
        {
            Mark(DrillLanes.Drill(guest.Name), $"{phase} failed: {done.Result.Error}");
            reason = reason is null ? $"{phase}: {done.Result.Error}" : $"{reason}; {phase}: {done.Result.Error}";
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

        if (result is not { SwitchedOver: true, DestinationDomid: { } newDomid })
        {
            RollBack(result.Outcome.ToString().ToLowerInvariant(), $"migrate: {result.Reason}");
            return;
        }

        if (result.Outcome != MigrationOutcome.Completed)
        {
            // A failure after switch-over: the guest runs on the destination, so the drill finishes there.
            Mark(DrillLanes.Drill(guest.Name), $"after switch-over: {result.Reason}");
            outcome = result.Outcome.ToString().ToLowerInvariant();
            reason = $"migrate: {result.Reason}";
        }

        switchedOver = true;
        runsOn = guest.To;
        domid = newDomid;
        if (guest.Relocation is null)
        {
            Relocated(null);
            return;
        }

        var self = Self;
        guest.Relocation.Relocated(guest.From, guest.Domid, guest.To, newDomid, error => self.Tell(new RelocationDone(error)));
    }

    private void Relocated(string? error)
    {
        if (error is not null)
        {
            Mark(DrillLanes.Drill(guest.Name), $"relocation: {error}");
            reason = reason is null ? $"relocation: {error}" : $"{reason}; relocation: {error}";
        }

        guest.Moved?.Invoke(guest.To, domid);
        outcome ??= "completed";
        Enter(DrillPhaseNames.HotAdd);
        var self = Self;
        guest.Hotplug.HotAddMatching(guest.To, domid, before, r => self.Tell(new HotplugDone(r)));
    }

    /// <summary>Before switch-over: the guest keeps running on the source and gets back what it gave up.</summary>
    private void RollBack(string why, string? detail)
    {
        outcome = why;
        reason = detail;
        Enter(DrillPhaseNames.Rollback);
        if (removed.Count == 0)
        {
            after = before;
            Settle();
            return;
        }

        var self = Self;
        guest.Hotplug.HotAddMatching(guest.From, guest.Domid, removed, r => self.Tell(new HotplugDone(r)));
    }

    private void Finish(string why, string? detail, IReadOnlyList<PassThroughDevice> devices)
    {
        outcome = why;
        reason = detail;
        after = devices;
        Settle();
    }

    private void Traced(MigrationTrace trace)
    {
        var lane = trace.Side == MigrationSide.Source && (trace.Label.StartsWith("round", StringComparison.Ordinal) || trace.Label.StartsWith("last iteration", StringComparison.Ordinal))
            ? DrillLanes.PreCopy(guest.Name)
            : DrillLanes.Xend(trace.Host);
        recorder.Mark(lane, trace.At, trace.Label);
        Progress($"{trace.Host}: {trace.Label}");
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
        var intact = guest.MemoryIntact?.Invoke() ?? migration?.ChecksumMatch ?? false;
        var report = new DrillReport
        {
            Guest = guest.Name,
            From = guest.From,
            To = guest.To,
            Outcome = outcome ?? "failed",
            Phases = [.. phases],
            Rounds = migration?.Rounds.Select(DrillRound.From).ToList() ?? [],
            DowntimeMs = migration?.Downtime.TotalMilliseconds ?? 0,
            PacketsSent = traffic.Sent,
            PacketsLost = traffic.Lost,
            PacketsDuplicated = traffic.Duplicated,
            // Switched over: the destination's checksum equals the source's and the workload's own copy; rolled back: the source memory is the workload's.
            MemoryChecksumMatch = intact && (migration is not { SwitchedOver: true } || migration.ChecksumMatch),
            DevicesBefore = [.. before.Select(d => d.ToString())],
            DevicesAfter = [.. after.Select(d => d.ToString())],
            RunsOn = runsOn,
            Domid = domid,
            Reason = reason,
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
        if (next is not null)
        {
            Progress("phase " + next);
        }
    }

    private void Progress(string line) => Context.System.EventStream.Publish(new DrillProgress(guest.Name, phase ?? "", Now, line));

    private void Mark(string lane, string label) => recorder.Mark(lane, Now, label);

    private string Lane(NicPath path) => path == NicPath.Physical ? DrillLanes.BondPhysical(guest.Name) : DrillLanes.BondVirtual(guest.Name);

    private sealed record Checked(HotplugResult Result);

    private sealed record RelocationDone(string? Error);

    private sealed class CancelRequested
    {
        public static readonly CancelRequested Instance = new();
    }
}
