using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Migration;
using XenActors.Xen.Tests.Drill;

namespace XenActors.Xen.Tests.Migration;

public sealed class MigrationActorSpec
{
    [Fact]
    public void Must_move_the_guest_between_two_relocation_servers_and_publish_every_step()
    {
        using var world = new VirtualWorld();
        var (source, destination, domid, workload) = Hosts();
        var traces = new List<MigrationTrace>();
        using var subscription = world.System.EventStream.Subscribe<MigrationTrace>(traces.Add);
        var src = world.System.ActorOf(Props.Create(() => new MigrationActor(source)), "xend-a");
        var dst = world.System.ActorOf(Props.Create(() => new MigrationActor(destination)), "xend-b");
        workload.Start(world.Time);

        var result = world.Await(src.Ask<MigrationResult>(new MigrateGuest(domid, dst, e => new SimulatedMigrationLink(world.Time, e))), TimeSpan.FromMinutes(1));

        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.True(result.ChecksumMatch);
        Assert.Equal(DomainState.Running, destination.Run(hv => hv.GetDomain(result.DestinationDomid!.Value).Value.State));
        Assert.Contains(traces, t => t.Side == MigrationSide.Source && t.Label.StartsWith("suspended", StringComparison.Ordinal));
        Assert.Contains(traces, t => t.Side == MigrationSide.Destination && t.Label.Contains("resumed", StringComparison.Ordinal));
    }

    [Fact]
    public void Must_cancel_through_the_token_and_leave_the_guest_on_the_source()
    {
        using var world = new VirtualWorld();
        var (source, destination, domid, workload) = Hosts();
        var src = world.System.ActorOf(Props.Create(() => new MigrationActor(source)), "xend-a");
        var dst = world.System.ActorOf(Props.Create(() => new MigrationActor(destination)), "xend-b");
        workload.Start(world.Time);
        using var cancel = new CancellationTokenSource();
        SimulatedMigrationLink? link = null;

        var pending = src.Ask<MigrationResult>(new MigrateGuest(domid, dst, e => link = new SimulatedMigrationLink(world.Time, e).WithBandwidth(1_000_000), null, cancel.Token));
        world.RunUntil(() => link is { RecordsSent: > 3 }, TimeSpan.FromMinutes(1));
        cancel.Cancel();
        var result = world.Await(pending, TimeSpan.FromMinutes(1));

        Assert.Equal(MigrationOutcome.Cancelled, result.Outcome);
        Assert.Equal(DomainState.Running, source.Run(hv => hv.GetDomain(domid).Value.State));
        Assert.False(source.Run(hv => hv.GetDomain(domid).Value.LogDirty));
        Assert.DoesNotContain(destination.Run(hv => hv.Domains.ToList()), d => d.Name == "guest1");
    }

    private static (HypervisorGate Source, HypervisorGate Destination, int Domid, DirtyingWorkload Workload) Hosts()
    {
        var source = new HypervisorGate("host-a", new XenHypervisor());
        var destination = new HypervisorGate("host-b", new XenHypervisor());
        var domid = source.Run(hv =>
        {
            var id = hv.CreateDomain(new DomainConfig("guest1") { MemoryMiB = 8 }).Value;
            hv.Unpause(id).ThrowIfFailed();
            return id;
        });
        var workload = new DirtyingWorkload(source, domid, new WorkloadOptions { WorkingSetPages = 256 });
        workload.Populate(8 * 256);
        return (source, destination, domid, workload);
    }
}
