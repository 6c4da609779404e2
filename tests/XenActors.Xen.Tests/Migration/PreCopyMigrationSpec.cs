using XenActors.Xen.Hypervisor;
using XenActors.Xen.Migration;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Tests.Migration;

public sealed class PreCopyMigrationSpec
{
    private static readonly MigrationOptions ThresholdOnly = new() { DowntimeTarget = TimeSpan.Zero };

    [Fact]
    public void Must_converge_and_resume_the_guest_on_the_destination_with_identical_memory()
    {
        var rig = new MigrationRig();
        var result = rig.Run(rig.Engine(ThresholdOnly));

        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.True(result.ChecksumMatch);
        Assert.Equal(result.SourceChecksum, result.DestinationChecksum);
        var destination = rig.Destination.Run(hv => hv.GetDomain(result.DestinationDomid!.Value).Value);
        Assert.Equal(DomainState.Running, destination.State);
        Assert.Equal("guest1", destination.Name);
        Assert.NotEqual(result.SourceDomid, result.DestinationDomid); // remapped: the destination had a guest already
        Assert.False(rig.Source.Run(hv => hv.GetDomain(rig.Domid).IsSuccess)); // the source domain is gone
        // The destination's checksum, built from page digests as batches arrived, is the one of its memory as a whole.
        Assert.Equal(rig.Destination.Run(hv => MemoryChecksum.Compute(hv, result.DestinationDomid!.Value).Value), result.DestinationChecksum);
    }

    [Fact]
    public void Must_hash_the_source_copy_only_after_the_destination_resumed_and_destroy_it_only_then()
    {
        var rig = new MigrationRig();
        var result = rig.Run(rig.Engine(ThresholdOnly));

        var labels = rig.Traces.Select(t => t.Label).ToList();
        var resumed = labels.FindIndex(l => l.Contains("resumed", StringComparison.Ordinal));
        var hashing = labels.FindIndex(l => l.StartsWith("switched over; hashing", StringComparison.Ordinal));
        var destroyed = labels.IndexOf("source domain destroyed");
        Assert.True(resumed >= 0 && resumed < hashing && hashing < destroyed, string.Join(" | ", labels));
        Assert.NotNull(result.SourceChecksum);
        Assert.True(result.SwitchedOver);
    }

    [Fact]
    public void Must_report_a_mismatch_after_switch_over_when_a_page_is_corrupted_in_flight_and_keep_the_guest_on_the_destination()
    {
        var rig = new MigrationRig();
        // A page outside the workload's working set: sent once in round 1, never again, so the corruption stays.
        var wire = new CorruptingTransport(rig.Link, gfn: 2000);
        var result = rig.Run(rig.Engine(ThresholdOnly), transport: wire);

        Assert.True(wire.Corrupted);
        Assert.Equal(MigrationOutcome.Failed, result.Outcome);
        Assert.Contains("checksum differs after switch-over", result.Reason, StringComparison.Ordinal);
        Assert.True(result.SwitchedOver);
        Assert.False(result.ChecksumMatch);
        Assert.NotNull(result.SourceChecksum);
        Assert.NotNull(result.DestinationChecksum);
        // Never on both hosts: it runs on the destination, the suspended source copy is gone.
        Assert.Equal(DomainState.Running, rig.Destination.Run(hv => hv.GetDomain(result.DestinationDomid!.Value).Value.State));
        Assert.False(rig.Source.Run(hv => hv.GetDomain(rig.Domid).IsSuccess));
        Assert.True(result.Downtime > TimeSpan.Zero);
    }

    [Fact]
    public void Must_send_every_populated_page_in_the_first_round()
    {
        var rig = new MigrationRig(memoryMiB: 8);
        var result = rig.Run(rig.Engine(ThresholdOnly));
        Assert.Equal(8 * 256, result.Rounds[0].PagesSent);
        Assert.Equal(8 * 256 * (XenHypervisor.PageSize + MigrationDefaults.PfnEntryBytes), result.Rounds[0].BytesSent);
    }

    [Fact]
    public void Must_stop_and_copy_when_the_dirty_set_is_below_the_threshold()
    {
        var rig = new MigrationRig();
        var result = rig.Run(rig.Engine(ThresholdOnly));

        Assert.Equal(StopAndCopyReason.DirtySetBelowThreshold, result.StopReason);
        var live = result.Rounds.Where(r => !r.StopAndCopy).ToList();
        Assert.True(live[^1].DirtyPagesLeft < MigrationDefaults.DirtyPageThreshold);
        Assert.All(live[..^1], r => Assert.True(r.DirtyPagesLeft >= MigrationDefaults.DirtyPageThreshold));
        Assert.True(result.Rounds[^1].StopAndCopy);
        Assert.True(result.Rounds.Count < MigrationDefaults.MaxRounds);
        // Each round sends what the one before left dirty: pre-copy shrinks the set it chases.
        for (var i = 1; i < live.Count; i++)
        {
            Assert.Equal(live[i - 1].DirtyPagesLeft, live[i].PagesSent);
        }
    }

    [Fact]
    public void Must_stop_and_copy_as_soon_as_the_dirty_set_fits_the_downtime_target()
    {
        var rig = new MigrationRig();
        var result = rig.Run(rig.Engine(new MigrationOptions { DirtyPageThreshold = 0 }));

        Assert.Equal(StopAndCopyReason.DowntimeTargetMet, result.StopReason);
        Assert.True(result.Downtime <= MigrationDefaults.DowntimeTarget, $"downtime {result.Downtime}");
        Assert.True(result.ChecksumMatch);
    }

    [Fact]
    public void Must_report_the_downtime_from_suspend_to_resume()
    {
        var rig = new MigrationRig();
        var result = rig.Run(rig.Engine(ThresholdOnly));

        var last = result.Rounds[^1];
        Assert.True(result.Downtime > TimeSpan.Zero);
        // The last iteration's pages, the commit and its checksum round trip all happen with the guest paused.
        Assert.True(result.Downtime >= last.Duration, $"downtime {result.Downtime} < last round {last.Duration}");
        Assert.True(result.Downtime < TimeSpan.FromMilliseconds(50), $"downtime {result.Downtime}");
    }

    [Fact]
    public void Must_stop_and_copy_at_the_round_limit_when_pre_copy_cannot_converge()
    {
        var rig = new MigrationRig();
        rig.Link.Throttle(1_000_000); // 1 MB/s: ~240 pages/s against 2000 dirtied/s
        var result = rig.Run(rig.Engine());

        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.Equal(StopAndCopyReason.RoundLimit, result.StopReason);
        Assert.Equal(MigrationDefaults.MaxRounds, result.Rounds.Count);
        Assert.True(result.ChecksumMatch);
        Assert.True(result.Downtime > MigrationDefaults.DowntimeTarget, $"a non-converged stop-and-copy is long: {result.Downtime}");
    }

    [Fact]
    public void Must_abort_at_the_round_limit_when_the_policy_says_so_and_leave_the_guest_running_on_the_source()
    {
        var rig = new MigrationRig();
        rig.Link.Throttle(1_000_000);
        var result = rig.Run(rig.Engine(new MigrationOptions { MaxRounds = 3, OnNonConvergence = NonConvergencePolicy.Abort }));

        Assert.Equal(MigrationOutcome.Failed, result.Outcome);
        Assert.Contains("did not converge", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, result.Rounds.Count);
        AssertGuestStillOnSource(rig);
    }

    [Fact]
    public void Must_respect_a_settable_round_limit()
    {
        var rig = new MigrationRig();
        rig.Link.Throttle(1_000_000);
        var result = rig.Run(rig.Engine(new MigrationOptions { MaxRounds = 3 }));
        Assert.Equal(3, result.Rounds.Count);
        Assert.True(result.ChecksumMatch);
    }

    [Fact]
    public void Must_refuse_while_log_dirty_is_impossible_because_a_device_is_passed_through()
    {
        var rig = new MigrationRig();
        var nic = new PciAddress(0, 3, 0, 0);
        rig.Source.Run(hv =>
        {
            hv.RegisterDevice(nic).ThrowIfFailed();
            hv.AssignDevice(nic, rig.Domid).ThrowIfFailed();
        });
        var result = rig.Run(rig.Engine());

        Assert.Equal(MigrationOutcome.Refused, result.Outcome);
        Assert.Contains("log-dirty refused", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, rig.Link.RecordsSent);
        AssertGuestStillOnSource(rig);
    }

    [Fact]
    public void Must_leave_the_guest_running_on_the_source_when_the_connection_resets_mid_copy()
    {
        var rig = new MigrationRig();
        rig.Link.ResetAfter(3); // begin + two page batches, then the third batch dies on the wire
        var before = rig.SourceChecksum();
        var result = rig.Run(rig.Engine());

        Assert.Equal(MigrationOutcome.Failed, result.Outcome);
        Assert.Contains("connection reset", result.Reason, StringComparison.Ordinal);
        AssertGuestStillOnSource(rig);
        Assert.NotEqual(before, rig.SourceChecksum()); // the guest went on writing: it really runs
    }

    [Fact]
    public void Must_leave_the_guest_running_on_the_source_when_the_link_partitions_during_stop_and_copy()
    {
        var rig = new MigrationRig();
        // The link goes down the moment the source suspends the guest for the last iteration.
        var engine = new PreCopyMigration(rig.Source, rig.Domid, ThresholdOnly, rig.Time, trace =>
        {
            if (trace.Label.StartsWith("suspended", StringComparison.Ordinal))
            {
                rig.Link.Partition();
            }
        });
        var result = rig.Run(engine);

        Assert.Equal(MigrationOutcome.Failed, result.Outcome);
        Assert.Contains("partitioned", result.Reason, StringComparison.Ordinal);
        Assert.All(result.Rounds, r => Assert.False(r.StopAndCopy)); // the last iteration never finished
        // Paused until the sender gave up on the partitioned link, then resumed where it was.
        Assert.True(result.Downtime >= MigrationDefaults.PartitionTimeout, $"downtime {result.Downtime}");
        AssertGuestStillOnSource(rig);
    }

    [Fact]
    public void Must_abort_on_cancellation_with_the_guest_still_running_on_the_source()
    {
        var rig = new MigrationRig();
        using var cancel = new CancellationTokenSource();
        var result = rig.Run(rig.Engine(), cancel.Token, r =>
        {
            if (r.Receiver.PagesReceived > 1000)
            {
                cancel.Cancel();
            }
        });

        Assert.Equal(MigrationOutcome.Cancelled, result.Outcome);
        AssertGuestStillOnSource(rig);
        Assert.Equal(TimeSpan.Zero, result.Downtime);
    }

    [Fact]
    public void Must_replay_the_same_rounds_from_the_same_seed()
    {
        static IReadOnlyList<PreCopyRound> Once()
        {
            var rig = new MigrationRig();
            return rig.Run(rig.Engine()).Rounds;
        }

        Assert.Equal(Once(), Once());
    }

    private static void AssertGuestStillOnSource(MigrationRig rig)
    {
        Assert.Equal(DomainState.Running, rig.SourceState());
        Assert.False(rig.SourceLogDirty());
        Assert.Equal(0, rig.MigratedDomainsOnDestination());
        // Memory is intact and the guest keeps working: its writes still land.
        var before = rig.SourceChecksum();
        Assert.True(rig.Workload.Run(TimeSpan.FromSeconds(1)) > 0);
        Assert.NotEqual(before, rig.SourceChecksum());
    }
}
