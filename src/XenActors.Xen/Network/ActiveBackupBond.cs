using XenActors.Actor;

namespace XenActors.Xen.Network;

/// <summary>
/// Linux bonding in active-backup mode with primary=the physical NIC and primary_reselect=always: one active
/// slave carries all traffic under the bond's one MAC; the primary is active whenever its MII link is up,
/// else the other slave. Pure: the actor around it feeds it events and sends what it says.
/// </summary>
public sealed class ActiveBackupBond(string mac)
{
    private readonly Dictionary<NicPath, BondSlave> slaves = [];

    public string Mac { get; } = mac;

    public NicPath? Active { get; private set; }

    public IReadOnlyCollection<BondSlave> Slaves => slaves.Values;

    public IActorRef? ActiveDevice => Active is { } path ? slaves[path].Device : null;

    /// <summary>Adds a slave; its link counts as up at the next MII poll, or now if <paramref name="miiUp"/>.</summary>
    public NicPath? Enslave(NicPath path, IActorRef device, bool miiUp)
    {
        slaves[path] = new BondSlave(path, device, Carrier: true, MiiUp: miiUp);
        return Reselect();
    }

    /// <summary>bond_release: the slave leaves at once (its driver is being unbound).</summary>
    public NicPath? Release(NicPath path)
    {
        slaves.Remove(path);
        return Reselect();
    }

    /// <summary>The virtual slave reconnects to another netback (the guest moved) without a link change.</summary>
    public void Rebind(NicPath path, IActorRef device)
    {
        if (slaves.TryGetValue(path, out var slave))
        {
            slaves[path] = slave with { Device = device };
        }
    }

    public void CarrierChanged(NicPath path, bool carrier)
    {
        if (slaves.TryGetValue(path, out var slave))
        {
            slaves[path] = slave with { Carrier = carrier };
        }
    }

    /// <summary>One MII monitor poll: links follow carriers, then the active slave is chosen again.</summary>
    public NicPath? Poll()
    {
        foreach (var slave in slaves.Values.ToList())
        {
            slaves[slave.Path] = slave with { MiiUp = slave.Carrier };
        }

        return Reselect();
    }

    private NicPath? Reselect()
    {
        Active = Up(NicPath.Physical) ? NicPath.Physical : Up(NicPath.Virtual) ? NicPath.Virtual : null;
        return Active;
    }

    private bool Up(NicPath path) => slaves.TryGetValue(path, out var slave) && slave.MiiUp;
}
