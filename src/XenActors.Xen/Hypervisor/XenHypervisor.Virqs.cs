using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

public sealed partial class XenHypervisor
{
    // Global VIRQs go to one handler domain each, the control domain unless reassigned
    // (set_global_virq_handler); binding one elsewhere is refused with EBUSY.
    private readonly int[] globalVirqHandlers = new int[VirqInfo.Count];

    /// <summary>XEN_DOMCTL_set_virq_handler: makes <paramref name="domid"/> the handler of a global VIRQ. EINVAL for a per-vCPU or bad VIRQ.</summary>
    public XenResult SetGlobalVirqHandler(int domid, int virq)
    {
        if (!VirqInfo.IsValid(virq) || !VirqInfo.IsGlobal(virq))
        {
            return Fail(Errno.EINVAL, $"VIRQ {virq} is not a global VIRQ");
        }

        var lookup = LiveDomain(domid);
        if (!lookup.IsSuccess)
        {
            return lookup.Error;
        }

        globalVirqHandlers[virq] = domid;
        return XenResult.Ok;
    }

    public int GlobalVirqHandler(Virq virq) => globalVirqHandlers[(int)virq];

    /// <summary>Raises a per-vCPU VIRQ (e.g. the timer) in a domain; nothing happens if it is not bound.</summary>
    public XenResult SendVirq(int domid, Virq virq, int vcpu)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        if (VirqInfo.IsGlobal((int)virq))
        {
            return Fail(Errno.EINVAL, $"{virq} is global; it goes to its handler domain");
        }

        if (vcpu < 0 || vcpu >= domain.Vcpus)
        {
            return Fail(Errno.ENOENT, $"domain {domid} has no vCPU {vcpu}");
        }

        var port = domain.VirqPorts[vcpu, (int)virq];
        if (port != 0)
        {
            SetPending(domain, domain.Ports[port]);
        }

        return XenResult.Ok;
    }

    /// <summary>send_global_virq: to the handler domain's vCPU-0 binding, if any.</summary>
    public void SendGlobalVirq(Virq virq)
    {
        if (Find(globalVirqHandlers[(int)virq]) is { IsAlive: true } handler && handler.VirqPorts[0, (int)virq] is var port and not 0)
        {
            SetPending(handler, handler.Ports[port]);
        }
    }

    private void InitGlobalVirqHandlers() => Array.Fill(globalVirqHandlers, DomainIds.Dom0);

    private void ReleaseGlobalVirqs(Domain domain)
    {
        for (var virq = 0; virq < globalVirqHandlers.Length; virq++)
        {
            if (globalVirqHandlers[virq] == domain.Id)
            {
                globalVirqHandlers[virq] = DomainIds.Dom0;
            }
        }
    }
}
