using XenActors.Actor;
using XenActors.Xen.Network;

namespace XenActors.Xen.Drill;

/// <summary>
/// The guest's NIC driver under a bond: an announced removal releases the bond's physical slave and only then
/// lets the device go; a removed device vanishes from the wire; an added one gets a fresh NIC actor on the
/// wire and is enslaved as the physical path.
/// </summary>
public sealed class BondedNicDriver(IActorRefFactory actors, IActorRef bond, IActorRef nic, IActorRef wire) : IGuestPciDriver
{
    private IActorRef nic = nic;
    private volatile bool unresponsive;

    /// <summary>A hung guest: removal announcements go unanswered and the slave stays in use.</summary>
    public bool Unresponsive
    {
        get => unresponsive;
        set => unresponsive = value;
    }

    public void PrepareRemoval(PassThroughDevice device, Action released)
    {
        ArgumentNullException.ThrowIfNull(released);
        if (unresponsive)
        {
            return;
        }

        var reply = actors.ActorOf(Props.Create(() => new CallbackActor(_ => released())));
        bond.Tell(new SlaveHotRemoveRequested(NicPath.Physical), reply);
    }

    public void Removed(PassThroughDevice device) => nic.Tell(Vanish.Instance);

    public void Added(PassThroughDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var path = wire;
        nic = actors.ActorOf(Props.Create(() => new NicActor(NicPath.Physical, path)));
        bond.Tell(new SlaveHotAdded(NicPath.Physical, nic));
    }
}
