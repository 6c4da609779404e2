using XenActors.Actor;

namespace XenActors.Xen.Network;

/// <summary>
/// One way out of the guest: the passed-through NIC (<see cref="NicPath.Physical"/>) or netback in the driver
/// domain behind netfront (<see cref="NicPath.Virtual"/>). Stamps each frame with its path and puts it on the
/// wire. After <see cref="Vanish"/> the device is gone: frames sent to it are counted and lost, and its bond
/// hears about the lost carrier.
/// </summary>
public sealed class NicActor : ReceiveActor
{
    private readonly NicPath path;
    private readonly IActorRef wire;
    private IActorRef? bond;

    public NicActor(NicPath path, IActorRef wire)
    {
        this.path = path;
        this.wire = wire;
        Receive<AttachToBond>(m => bond = m.Bond);
        Receive<Packet>(p => this.wire.Tell(p with { Path = this.path }));
        Receive<Vanish>(_ =>
        {
            bond?.Tell(new CarrierLost(this.path));
            Become(Gone);
        });
    }

    private void Gone()
    {
        Receive<Packet>(_ => { }); // on a bus that no longer has the device: gone
        Receive<AttachToBond>(_ => { });
        Receive<Vanish>(_ => { });
    }
}
