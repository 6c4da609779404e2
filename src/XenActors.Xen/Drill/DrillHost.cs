using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Migration;

namespace XenActors.Xen.Drill;

/// <summary>
/// One host of a drill: a real <see cref="InProcessXenHost"/> (xend, pciback in driver domain 1, XenStore,
/// guest kernels with pcifront) whose hypervisor actor shares its model with the migration engine's
/// <see cref="Gate"/>, plus xend's relocation side (<see cref="Migration"/>).
/// </summary>
public sealed class DrillHost
{
    public const int DriverDomain = 1;

    public DrillHost(string name, InProcessXenHost host, HypervisorGate gate, IActorRef migration)
    {
        Name = name;
        Host = host;
        Gate = gate;
        Migration = migration;
    }

    public string Name { get; }

    public InProcessXenHost Host { get; }

    public HypervisorGate Gate { get; }

    public IActorRef Migration { get; }

    /// <summary>Which drill guest each domid of this host is (for timeline lanes).</summary>
    public ConcurrentDictionary<int, string> GuestNames { get; } = new();

    public XendEndpoint Endpoint => new(Name, Host.Xend, Host.Hypervisor, Host.Inventory, Host.DriverDomid);
}
