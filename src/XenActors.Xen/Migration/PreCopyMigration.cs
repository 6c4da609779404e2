using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>
/// The sender of a live migration, as xc_domain_save runs it: log-dirty on; a first round sending every
/// populated page; further rounds re-sending what the guest dirtied meanwhile; then the last iteration
/// (stop-and-copy) with the guest paused; then the commit, on which the destination resumes the guest: the
/// downtime is pause to resume and holds nothing else. Then, off the critical path, the source hashes its paused
/// (frozen) copy a slice at a time and compares it with the checksum the destination built as pages arrived;
/// only then is the source domain destroyed. A mismatch then is a failure after switch-over: the guest stays
/// on the destination. On any failure or cancellation before the commit, the connection is aborted (the
/// destination drops its half-built domain) and the guest keeps running on the source with log-dirty off.
/// Single-threaded and event-driven: <see cref="Start"/> sends, and each transport outcome drives the next
/// step, so a caller that delivers outcomes on one thread (an actor, or virtual time) gets a replayable run.
/// </summary>
public sealed class PreCopyMigration
{
    private readonly HypervisorGate source;
    private readonly int domid;
    private readonly MigrationOptions options;
    private readonly TimeProvider time;
    private readonly Action<MigrationTrace>? trace;
    private readonly List<PreCopyRound> rounds = [];
    private IMigrationTransport transport = null!;
    private Action<MigrationResult> finished = null!;
    private CancellationToken cancellation;
    private Phase phase = Phase.Idle;
    private string guest = "";
    private long[] toSend = [];
    private int next;
    private int round;
    private long roundPages;
    private long roundBytes;
    private DateTimeOffset started;
    private DateTimeOffset roundStart;
    private DateTimeOffset? pausedAt;
    private DateTimeOffset? resumedAt;
    private int? destinationDomid;
    private string? sourceChecksum;
    private string? destinationChecksum;
    private PagewiseChecksum? verifier;
    private StopAndCopyReason stopReason;

    public PreCopyMigration(HypervisorGate source, int domid, MigrationOptions? options, TimeProvider time, Action<MigrationTrace>? trace = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(time);
        this.source = source;
        this.domid = domid;
        this.options = options ?? new MigrationOptions();
        this.options.Validate();
        this.time = time;
        this.trace = trace;
    }

    private enum Phase { Idle, Connecting, Live, StopAndCopy, Committing, Verifying, Done }

    /// <summary>
    /// How the source-side check after switch-over continues with its next slice: e.g. a message to the actor
    /// running the engine, so other work interleaves. Null runs the slices back to back.
    /// </summary>
    public Action<Action>? Continue { get; init; }

    /// <summary>Set once the migration has ended, whichever way.</summary>
    public MigrationResult? Result { get; private set; }

    public IReadOnlyList<PreCopyRound> Rounds => rounds;

    public void Start(IMigrationTransport transport, Action<MigrationResult> finished, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(finished);
        if (phase != Phase.Idle)
        {
            throw new InvalidOperationException("a migration runs once");
        }

        this.transport = transport;
        this.finished = finished;
        this.cancellation = cancellation;
        started = time.GetUtcNow();
        var begin = source.Run<(MigrationBegin? Record, string? Error)>(hv =>
        {
            var lookup = hv.GetDomain(domid);
            if (!lookup.TryGetValue(out var domain))
            {
                return (null, lookup.Error.Message);
            }

            guest = domain.Name;
            var logDirty = hv.EnableLogDirty(domid);
            if (!logDirty.IsSuccess)
            {
                return (null, logDirty.Error.Message);
            }

            hv.CleanDirtyFrames(domid); // start from a clean log: round 1 sends everything anyway
            toSend = [.. hv.PopulatedFrames(domid).Value];
            return (new MigrationBegin(domain.Name, domain.Type, domain.MemoryMiB, domain.Vcpus, domid), null);
        });
        if (begin.Record is null)
        {
            phase = Phase.Done;
            Finish(MigrationOutcome.Refused, begin.Error);
            return;
        }

        Trace("log-dirty on");
        phase = Phase.Connecting;
        transport.Send(begin.Record, OnOutcome);
    }

    /// <summary>Cancels unless the commit is already on its way (then the guest is the destination's).</summary>
    public void Cancel()
    {
        if (phase is Phase.Connecting or Phase.Live or Phase.StopAndCopy)
        {
            Abort(MigrationOutcome.Cancelled, "cancelled");
        }
    }

    private void OnOutcome(TransportOutcome outcome)
    {
        if (phase is Phase.Done or Phase.Verifying)
        {
            return; // a late completion after an abort, or after the destination resumed the guest
        }

        if (outcome.Reply is not { } reply)
        {
            Abort(MigrationOutcome.Failed, $"transport: {outcome.Failure}");
            return;
        }

        if (reply.Error is { } error)
        {
            Abort(MigrationOutcome.Failed, $"destination: {error}");
            return;
        }

        if (phase == Phase.Committing)
        {
            Committed(reply);
            return;
        }

        if (cancellation.IsCancellationRequested)
        {
            Cancel();
            return;
        }

        if (phase == Phase.Connecting)
        {
            destinationDomid = reply.DestinationDomid;
            phase = Phase.Live;
            BeginRound(toSend);
        }

        SendNextBatchOrEndRound();
    }

    private void BeginRound(long[] frames)
    {
        toSend = frames;
        next = 0;
        round++;
        roundPages = 0;
        roundBytes = 0;
        roundStart = time.GetUtcNow();
    }

    private void SendNextBatchOrEndRound()
    {
        if (next < toSend.Length)
        {
            var count = Math.Min(options.PagesPerBatch, toSend.Length - next);
            var frames = toSend.AsSpan(next, count).ToArray();
            next += count;
            var contents = source.Run(hv => frames.Select(gfn => hv.ReadFrame(domid, gfn).Value).ToArray());
            var batch = new PageBatch(round, frames, contents);
            roundPages += count;
            roundBytes += batch.WireBytes;
            transport.Send(batch, OnOutcome);
            return;
        }

        if (phase == Phase.StopAndCopy)
        {
            EndRound(dirtyLeft: 0, stopAndCopy: true);
            phase = Phase.Committing;
            Trace("last iteration sent; commit");
            transport.Send(new MigrationCommit(), OnOutcome);
            return;
        }

        var dirty = source.Run(hv => hv.CleanDirtyFrames(domid).Value);
        var duration = EndRound(dirty.Length, stopAndCopy: false);
        Trace($"round {round}: {roundPages} pages sent, {dirty.Length} dirty, {roundBytes} bytes");
        var reason = StopRule(dirty.Length, duration);
        if (reason == StopAndCopyReason.None)
        {
            BeginRound(dirty);
            SendNextBatchOrEndRound();
            return;
        }

        if (reason == StopAndCopyReason.RoundLimit && options.OnNonConvergence == NonConvergencePolicy.Abort)
        {
            Abort(MigrationOutcome.Failed, $"pre-copy did not converge in {round} rounds ({dirty.Length} pages still dirty)");
            return;
        }

        StopAndCopy(dirty, reason);
    }

    private StopAndCopyReason StopRule(long dirtyPages, TimeSpan lastRound)
    {
        if (dirtyPages < options.DirtyPageThreshold)
        {
            return StopAndCopyReason.DirtySetBelowThreshold;
        }

        if (options.DowntimeTarget > TimeSpan.Zero && lastRound > TimeSpan.Zero && roundBytes > 0)
        {
            var bytesPerSecond = roundBytes / lastRound.TotalSeconds;
            var estimate = TimeSpan.FromSeconds(dirtyPages * (double)(XenHypervisor.PageSize + MigrationDefaults.PfnEntryBytes) / bytesPerSecond);
            if (estimate <= options.DowntimeTarget)
            {
                return StopAndCopyReason.DowntimeTargetMet;
            }
        }

        // The next round must be the last one so the total stays within MaxRounds.
        return round + 1 >= options.MaxRounds ? StopAndCopyReason.RoundLimit : StopAndCopyReason.None;
    }

    private void StopAndCopy(long[] dirty, StopAndCopyReason reason)
    {
        stopReason = reason;
        // Pause first, then clean: whatever the guest wrote since the round ended joins the final set.
        var final = source.Run(hv =>
        {
            hv.Pause(domid).ThrowIfFailed();
            return dirty.Union(hv.CleanDirtyFrames(domid).Value).Order().ToArray();
        });
        pausedAt = time.GetUtcNow();
        phase = Phase.StopAndCopy;
        Trace($"suspended for the last iteration ({reason})");
        BeginRound(final);
        SendNextBatchOrEndRound();
    }

    private void Committed(MigrationReply reply)
    {
        resumedAt = reply.ResumedAt ?? time.GetUtcNow();
        destinationChecksum = reply.DestinationChecksum;
        phase = Phase.Verifying;
        Trace("switched over; hashing the suspended source copy");
        // The paused source is frozen until destroyed: hash it now, a slice per step, and destroy it after.
        verifier = new PagewiseChecksum(source, domid);
        VerifyNextSlice();
    }

    private void VerifyNextSlice()
    {
        if (Continue is null)
        {
            while (verifier!.Step())
            {
            }
        }
        else if (verifier!.Step())
        {
            Continue(VerifyNextSlice);
            return;
        }

        Verified();
    }

    private void Verified()
    {
        sourceChecksum = verifier!.Checksum;
        // Log-dirty is still on: a page written since the pause would mean the hashed copy was not the one sent.
        var written = source.Run(hv => hv.PeekDirtyFrames(domid) is { IsSuccess: true } dirty ? dirty.Value.Length : 0);
        source.Run(hv =>
        {
            hv.DisableLogDirty(domid);
            if (options.DestroySource)
            {
                hv.Destroy(domid);
            }
        });
        Trace(options.DestroySource ? "source domain destroyed" : "source domain left suspended for xend to destroy");
        phase = Phase.Done;
        var downtime = resumedAt!.Value - pausedAt!.Value;
        var failure =
            verifier.Error is { } error ? $"the source copy could not be hashed after switch-over: {error.Message}"
            : written > 0 ? $"{written} page(s) of the paused source changed after the last iteration"
            : sourceChecksum != destinationChecksum ? "memory checksum differs after switch-over"
            : null;
        if (failure is not null)
        {
            Finish(MigrationOutcome.Failed, failure + "; the guest runs on the destination", destinationChecksum, downtime);
            return;
        }

        Finish(MigrationOutcome.Completed, null, destinationChecksum, downtime);
    }

    private void Abort(MigrationOutcome outcome, string reason)
    {
        phase = Phase.Done;
        transport.Abort(reason);
        RollBack();
        // A guest paused for the last iteration was down until now, even though it stays on the source.
        Finish(outcome, reason, downtime: pausedAt is { } paused ? time.GetUtcNow() - paused : TimeSpan.Zero);
    }

    private void RollBack()
    {
        source.Run(hv =>
        {
            hv.DisableLogDirty(domid);
            if (pausedAt is not null)
            {
                hv.Unpause(domid);
            }
        });
        Trace(pausedAt is null ? "log-dirty off; guest stays on source" : "log-dirty off; guest resumed on source");
    }

    private TimeSpan EndRound(long dirtyLeft, bool stopAndCopy)
    {
        var duration = time.GetUtcNow() - roundStart;
        rounds.Add(new PreCopyRound(round, roundPages, roundBytes, dirtyLeft, roundStart, duration, stopAndCopy));
        return duration;
    }

    private void Finish(MigrationOutcome outcome, string? reason, string? destinationChecksum = null, TimeSpan downtime = default)
    {
        Result = new MigrationResult
        {
            Guest = guest,
            From = source.Host,
            Outcome = outcome,
            Reason = reason,
            SourceDomid = domid,
            DestinationDomid = resumedAt is not null ? destinationDomid : null,
            SwitchedOver = resumedAt is not null,
            Rounds = [.. rounds],
            StopReason = stopReason,
            Downtime = downtime,
            SourceChecksum = sourceChecksum,
            DestinationChecksum = destinationChecksum,
            Started = started,
            Finished = time.GetUtcNow(),
        };
        Trace(outcome == MigrationOutcome.Completed ? $"migration completed; memory checksum {sourceChecksum?[..12]} on both hosts" : $"migration {outcome.ToString().ToLowerInvariant()}: {reason}");
        finished(Result);
    }

    private void Trace(string label) => trace?.Invoke(new MigrationTrace(time.GetUtcNow(), MigrationSide.Source, source.Host, label) { Guest = guest });
}
