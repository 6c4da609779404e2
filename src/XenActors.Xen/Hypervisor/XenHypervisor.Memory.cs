using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

// Guest memory: byte access for the guest itself (copy_to/from_guest), frame snapshots for
// migration, and the log-dirty interface (XEN_DOMCTL_SHADOW_OP_{ENABLE_LOGDIRTY,OFF,CLEAN,PEEK}).
public sealed partial class XenHypervisor
{
    public const int PageSize = GuestMemory.PageSize;

    /// <summary>Reads guest-physical memory. EFAULT outside the domain's frames.</summary>
    public XenResult ReadGuestMemory(int domid, ulong gpa, Span<byte> destination)
    {
        var lookup = MemoryOf(domid, gpa, destination.Length);
        if (!lookup.TryGetValue(out var memory))
        {
            return lookup.Error;
        }

        memory.Read(gpa, destination);
        return XenResult.Ok;
    }

    /// <summary>Writes guest-physical memory (dirtying pages under log-dirty). EFAULT outside the domain's frames.</summary>
    public XenResult WriteGuestMemory(int domid, ulong gpa, ReadOnlySpan<byte> source)
    {
        var lookup = MemoryOf(domid, gpa, source.Length);
        if (!lookup.TryGetValue(out var memory))
        {
            return lookup.Error;
        }

        memory.Write(gpa, source);
        return XenResult.Ok;
    }

    /// <summary>Copy of one frame, or null when it was never written (reads as zeros): what a migration sender copies.</summary>
    public XenResult<byte[]?> ReadFrame(int domid, long gfn)
    {
        var lookup = MemoryOf(domid, (ulong)Math.Max(0, gfn) << GuestMemory.PageShift, gfn < 0 ? -1 : PageSize);
        return lookup.TryGetValue(out var memory) ? memory.SnapshotFrame(gfn) : lookup.Error;
    }

    /// <summary>Replaces one frame's content (shorter content is zero-filled): what a migration receiver writes.</summary>
    public XenResult WriteFrame(int domid, long gfn, ReadOnlySpan<byte> content)
    {
        if (content.Length > PageSize)
        {
            return Fail(Errno.EINVAL, $"a frame holds {PageSize} bytes, not {content.Length}");
        }

        var lookup = MemoryOf(domid, (ulong)Math.Max(0, gfn) << GuestMemory.PageShift, gfn < 0 ? -1 : PageSize);
        if (!lookup.TryGetValue(out var memory))
        {
            return lookup.Error;
        }

        memory.ReplaceFrame(gfn, content);
        return XenResult.Ok;
    }

    /// <summary>Frames that hold bytes, ascending: the pages a full copy must send.</summary>
    public XenResult<IReadOnlyList<long>> PopulatedFrames(int domid) =>
        Find(domid) is { } domain
            ? domain.Memory.PopulatedFrames.ToList()
            : Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");

    /// <summary>
    /// Turns log-dirty mode on. EINVAL while PCI functions are assigned: device DMA through the IOMMU
    /// is not tracked, so the dirty log could not be trusted (Xen refuses the same combination).
    /// </summary>
    public XenResult EnableLogDirty(int domid)
    {
        var lookup = LiveDomain(domid);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        if (domain.AssignedSet.Count > 0)
        {
            return Fail(Errno.EINVAL, $"domain {domid} has {domain.AssignedSet.Count} passed-through PCI function(s); log-dirty refused");
        }

        if (!domain.Memory.LogDirty)
        {
            domain.Memory.EnableLogDirty();
            Log(HypervisorEventKind.LogDirtyChanged, domid, "log-dirty on");
        }

        return XenResult.Ok;
    }

    public XenResult DisableLogDirty(int domid)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        if (domain.Memory.LogDirty)
        {
            domain.Memory.DisableLogDirty();
            Log(HypervisorEventKind.LogDirtyChanged, domid, "log-dirty off");
        }

        return XenResult.Ok;
    }

    /// <summary>SHADOW_OP_CLEAN: the frames dirtied since the last clean, ascending, and the log reset. EINVAL if log-dirty is off.</summary>
    public XenResult<long[]> CleanDirtyFrames(int domid) => DirtyFrames(domid, clean: true);

    /// <summary>SHADOW_OP_PEEK: like <see cref="CleanDirtyFrames"/> but leaves the log as it is.</summary>
    public XenResult<long[]> PeekDirtyFrames(int domid) => DirtyFrames(domid, clean: false);

    /// <summary>p2m lookup: the machine frame behind a guest frame, MMIO mappings first, then RAM. ENOENT for a hole.</summary>
    public XenResult<long> GuestToMachineFrame(int domid, long gfn)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        if (domain.MmioMappings.TryGetValue(gfn, out var mfn))
        {
            return mfn;
        }

        return domain.Memory.ContainsFrame(gfn)
            ? domain.Memory.ToMachineFrame(gfn)
            : Fail(Errno.ENOENT, $"guest frame {gfn:x} of domain {domid} is not mapped");
    }

    private XenResult<long[]> DirtyFrames(int domid, bool clean)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        return domain.Memory.LogDirty
            ? domain.Memory.DirtyFrames(clean)
            : Fail(Errno.EINVAL, $"log-dirty mode is off for domain {domid}");
    }

    private XenResult<GuestMemory> MemoryOf(int domid, ulong gpa, int length)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        return domain.Memory.ContainsRange(gpa, length)
            ? domain.Memory
            : Fail(Errno.EFAULT, $"[{gpa:x}, +{length}) is outside domain {domid}'s memory");
    }
}
