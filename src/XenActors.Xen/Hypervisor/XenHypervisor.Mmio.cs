using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

// MMIO is mapped per 4 KiB page (XEN_DOMCTL_memory_mapping) and only inside machine ranges the
// domain was permitted (XEN_DOMCTL_iomem_permission); port I/O is trapped and checked against
// XEN_DOMCTL_ioport_permission ranges; line interrupts against XEN_DOMCTL_irq_permission.
// The control domain holds every permission from boot.
public sealed partial class XenHypervisor
{
    public const int MaxIoport = 0xFFFF;

    /// <summary>Grants or revokes access to machine frames [first, first+count). Revoking also unmaps them.</summary>
    public XenResult PermitIomem(int domid, long firstMfn, long count, bool allow)
    {
        var lookup = PermissionTarget(domid, firstMfn, count, long.MaxValue);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        var last = firstMfn + count - 1;
        if (allow)
        {
            domain.IomemPermissions.Add(firstMfn, last);
        }
        else
        {
            domain.IomemPermissions.Remove(firstMfn, last);
            foreach (var (gfn, mfn) in domain.MmioMappings.ToList())
            {
                if (mfn >= firstMfn && mfn <= last)
                {
                    domain.MmioMappings.Remove(gfn);
                }
            }
        }

        Log(HypervisorEventKind.PermissionChanged, domid, $"iomem {firstMfn:x}-{last:x} {(allow ? "allowed" : "revoked")}");
        return XenResult.Ok;
    }

    /// <summary>
    /// Maps machine frames [firstMfn, +count) at guest frames [firstGfn, +count). EPERM outside the
    /// domain's iomem permission; EBUSY if a guest frame already has an MMIO mapping; EINVAL for count &lt; 1.
    /// </summary>
    public XenResult MapMmio(int domid, long firstGfn, long firstMfn, long count)
    {
        var lookup = PermissionTarget(domid, firstMfn, count, long.MaxValue);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        if (firstGfn < 0)
        {
            return Fail(Errno.EINVAL, $"guest frame {firstGfn} is negative");
        }

        if (!domain.IomemPermissions.ContainsAll(firstMfn, firstMfn + count - 1))
        {
            return Fail(Errno.EPERM, $"domain {domid} may not map machine frames {firstMfn:x}-{firstMfn + count - 1:x}");
        }

        for (var i = 0L; i < count; i++)
        {
            if (domain.MmioMappings.ContainsKey(firstGfn + i))
            {
                return Fail(Errno.EBUSY, $"guest frame {firstGfn + i:x} of domain {domid} is already mapped to MMIO");
            }
        }

        for (var i = 0L; i < count; i++)
        {
            domain.MmioMappings[firstGfn + i] = firstMfn + i;
        }

        Log(HypervisorEventKind.MmioMapped, domid, $"gfn {firstGfn:x} → mfn {firstMfn:x}, {count} page(s)");
        return XenResult.Ok;
    }

    /// <summary>Removes MMIO mappings of guest frames [firstGfn, +count). EINVAL if any of them is not MMIO-mapped (nothing changes).</summary>
    public XenResult UnmapMmio(int domid, long firstGfn, long count)
    {
        var lookup = PermissionTarget(domid, firstGfn, count, long.MaxValue, allowDying: true);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        for (var i = 0L; i < count; i++)
        {
            if (!domain.MmioMappings.ContainsKey(firstGfn + i))
            {
                return Fail(Errno.EINVAL, $"guest frame {firstGfn + i:x} of domain {domid} is not mapped to MMIO");
            }
        }

        for (var i = 0L; i < count; i++)
        {
            domain.MmioMappings.Remove(firstGfn + i);
        }

        Log(HypervisorEventKind.MmioUnmapped, domid, $"gfn {firstGfn:x}, {count} page(s)");
        return XenResult.Ok;
    }

    /// <summary>The machine address behind a guest MMIO access (page-granular translation). ENOENT if unmapped.</summary>
    public XenResult<ulong> TranslateMmio(int domid, ulong gpa)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        var gfn = (long)(gpa >> GuestMemory.PageShift);
        return domain.MmioMappings.TryGetValue(gfn, out var mfn)
            ? ((ulong)mfn << GuestMemory.PageShift) | (gpa & (GuestMemory.PageSize - 1))
            : Fail(Errno.ENOENT, $"guest address {gpa:x} of domain {domid} is not MMIO");
    }

    /// <summary>Grants or revokes I/O ports [first, first+count).</summary>
    public XenResult PermitIoports(int domid, int first, int count, bool allow)
    {
        var lookup = PermissionTarget(domid, first, count, MaxIoport);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        if (allow)
        {
            domain.IoportPermissions.Add(first, first + count - 1);
        }
        else
        {
            domain.IoportPermissions.Remove(first, first + count - 1);
        }

        Log(HypervisorEventKind.PermissionChanged, domid, $"ioports {first:x}-{first + count - 1:x} {(allow ? "allowed" : "revoked")}");
        return XenResult.Ok;
    }

    /// <summary>A trapped IN/OUT of <paramref name="size"/> bytes at <paramref name="port"/>: EPERM unless every byte is permitted.</summary>
    public XenResult CheckIoport(int domid, int port, int size)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        if (size is not (1 or 2 or 4) || port < 0 || port + size - 1 > MaxIoport)
        {
            return Fail(Errno.EINVAL, $"bad port access {port:x}/{size}");
        }

        return domain.IoportPermissions.ContainsAll(port, port + size - 1)
            ? XenResult.Ok
            : Fail(Errno.EPERM, $"domain {domid} may not access I/O port {port:x}");
    }

    /// <summary>Grants or revokes a physical IRQ (GSI) for <see cref="MapPirq"/>. Revoking does not unmap existing routes.</summary>
    public XenResult PermitIrq(int domid, int gsi, bool allow)
    {
        var lookup = PermissionTarget(domid, gsi, 1, NrGsis - 1);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        if (allow)
        {
            domain.IrqPermissions.Add(gsi, gsi);
        }
        else
        {
            domain.IrqPermissions.Remove(gsi, gsi);
        }

        Log(HypervisorEventKind.PermissionChanged, domid, $"irq {gsi} {(allow ? "allowed" : "revoked")}");
        return XenResult.Ok;
    }

    private XenResult<Domain> PermissionTarget(int domid, long first, long count, long max, bool allowDying = false)
    {
        var lookup = allowDying ? (Find(domid) is { } d ? d : Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}")) : LiveDomain(domid);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        if (count < 1 || first < 0 || first > max - (count - 1))
        {
            return Fail(Errno.EINVAL, $"range {first:x}+{count} is invalid");
        }

        return lookup;
    }

    private static void GrantControlDomainPermissions(Domain dom0)
    {
        dom0.IomemPermissions.Add(0, long.MaxValue - 1);
        dom0.IoportPermissions.Add(0, MaxIoport);
        dom0.IrqPermissions.Add(0, NrGsis - 1);
    }
}
