using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Tests.Hypervisor;

/// <summary>A hypervisor with a recording sink and shorthands for the common setup steps.</summary>
public sealed class Host
{
    public Host(HypervisorOptions? options = null)
    {
        Sink = new RecordingSink();
        Xen = new XenHypervisor(options, Sink);
    }

    public XenHypervisor Xen { get; }

    public RecordingSink Sink { get; }

    /// <summary>Creates and unpauses a guest, returning its domid.</summary>
    public int Guest(string name, int vcpus = 1, int memoryMiB = 64, DomainType type = DomainType.Pv, int? maxPort = null)
    {
        var id = Xen.CreateDomain(new DomainConfig(name) { Vcpus = vcpus, MemoryMiB = memoryMiB, Type = type, MaxEventChannelPort = maxPort }).Value;
        Xen.Unpause(id).ThrowIfFailed();
        return id;
    }

    /// <summary>A connected interdomain channel: (port in a, port in b).</summary>
    public (int PortA, int PortB) Connect(int a, int b)
    {
        var unbound = Xen.AllocUnbound(a, XenActors.Xen.Protocol.DomainIds.Self, b).Value;
        var bound = Xen.BindInterdomain(b, a, unbound).Value;
        return (unbound, bound);
    }

    public void AssertSound() => Assert.Empty(Xen.CheckInvariants());
}
