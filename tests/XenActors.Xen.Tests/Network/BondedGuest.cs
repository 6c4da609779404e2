using XenActors.Actor;
using XenActors.Xen.Network;
using XenActors.Xen.Tests.Drill;

namespace XenActors.Xen.Tests.Network;

/// <summary>A guest with a bonded physical + virtual NIC sending 1000 packets/s to a sink, on virtual time.</summary>
public sealed class BondedGuest
{
    public const string Mac = "00:16:3e:12:34:56";

    public BondedGuest(VirtualWorld world)
    {
        World = world;
        var system = world.System;
        Events = [];
        system.EventStream.Subscribe<ActiveSlaveChanged>(Events.Add);
        Sink = system.ActorOf(Props.Create(() => new TrafficSinkActor(null)), "sink");
        Netback = system.ActorOf(Props.Create(() => new NicActor(NicPath.Virtual, Sink)), "netback");
        Nic = system.ActorOf(Props.Create(() => new NicActor(NicPath.Physical, Sink)), "nic0");
        Bond = system.ActorOf(Props.Create(() => new BondActor(Mac, null)), "bond0");
        Generator = system.ActorOf(Props.Create(() => new TrafficGeneratorActor(Bond, Mac, null, null)), "traffic");
        Bond.Tell(new SlaveHotAdded(NicPath.Virtual, Netback));
        Bond.Tell(new SlaveHotAdded(NicPath.Physical, Nic));
        world.RunFor(TimeSpan.FromMilliseconds(150)); // one MII poll: the physical primary is up and active
        Generator.Tell(StartTraffic.Instance);
    }

    public VirtualWorld World { get; }

    public List<ActiveSlaveChanged> Events { get; }

    public IActorRef Sink { get; }

    public IActorRef Netback { get; }

    public IActorRef Nic { get; private set; }

    public IActorRef Bond { get; }

    public IActorRef Generator { get; }

    /// <summary>The seed's flow: the removal is announced, the bond lets go of the slave, then the device goes.</summary>
    public void AnnouncedHotRemove()
    {
        World.Await(Bond.Ask<SlaveReleased>(new SlaveHotRemoveRequested(NicPath.Physical)), TimeSpan.FromSeconds(1));
        Nic.Tell(Vanish.Instance);
    }

    public void HotAdd(string name)
    {
        Nic = World.System.ActorOf(Props.Create(() => new NicActor(NicPath.Physical, Sink)), name);
        Bond.Tell(new SlaveHotAdded(NicPath.Physical, Nic));
    }

    /// <summary>Stops the traffic, lets what is in flight arrive, and asks the sink.</summary>
    public TrafficReport Finish()
    {
        var sent = World.Await(Generator.Ask<TrafficSent>(StopTraffic.Instance), TimeSpan.FromSeconds(1));
        World.RunFor(TimeSpan.FromMilliseconds(10));
        return World.Await(Sink.Ask<TrafficReport>(new GetTrafficReport(sent.Packets)), TimeSpan.FromSeconds(1));
    }
}
