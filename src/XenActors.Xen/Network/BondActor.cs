using XenActors.Actor;
using XenActors.Scheduler;

namespace XenActors.Xen.Network;

/// <summary>
/// The bonding driver inside a guest (active-backup, see <see cref="ActiveBackupBond"/>): takes the guest's
/// <see cref="Packet"/>s and puts them on the active slave. An announced hot-remove releases the slave at once
/// and only then answers, so the device can go without a frame in flight to it; a device that just vanishes is
/// noticed by the MII monitor at its next poll, and frames sent to it meanwhile are lost. Active-slave changes
/// are published as <see cref="ActiveSlaveChanged"/>.
/// </summary>
public sealed class BondActor : ReceiveActor
{
    private readonly ActiveBackupBond bond;
    private readonly TimeSpan miimon;
    private ICancelable? monitor;

    public BondActor(string mac, TimeSpan? miimon = null)
    {
        bond = new ActiveBackupBond(mac);
        this.miimon = miimon ?? NetworkDefaults.MiiMonInterval;
        Receive<Packet>(p =>
        {
            if (bond.ActiveDevice is { } device)
            {
                device.Tell(p);
            }

            // else: no slave is up and the frame is dropped, as the bond's xmit does; the sink counts it lost.
        });
        Receive<SlaveHotRemoveRequested>(m =>
        {
            var before = bond.Active;
            Changed(before, bond.Release(m.Path), $"{m.Path} slave released (hot-remove)");
            Sender.Tell(new SlaveReleased(m.Path));
        });
        Receive<SlaveHotAdded>(m =>
        {
            m.Device.Tell(new AttachToBond(Self));
            var before = bond.Active;
            Changed(before, bond.Enslave(m.Path, m.Device, miiUp: before is null), $"{m.Path} slave enslaved");
        });
        Receive<RebindSlave>(m => bond.Rebind(m.Path, m.Device));
        Receive<CarrierLost>(m => bond.CarrierChanged(m.Path, carrier: false));
        Receive<MiiMonTick>(_ =>
        {
            var before = bond.Active;
            Changed(before, bond.Poll(), "MII link monitor");
        });
    }

    protected override void PreStart() =>
        monitor = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(miimon, miimon, Self, MiiMonTick.Instance, Self);

    protected override void PostStop() => monitor?.Cancel();

    private void Changed(NicPath? before, NicPath? after, string reason)
    {
        if (before != after)
        {
            Context.System.EventStream.Publish(new ActiveSlaveChanged(bond.Mac, before, after, reason, Context.System.TimeProvider.GetUtcNow()));
        }
    }
}
