namespace XenActors.Xen.Hypervisor;

/// <summary>
/// First-fit allocator of the host's machine frames. Each domain gets one contiguous extent, so a
/// guest frame translates as base+gfn; dom0 is allocated first at base 0 and is therefore 1:1.
/// </summary>
internal sealed class MachineFrameAllocator
{
    private readonly List<(long Base, long Count)> free = [];

    public MachineFrameAllocator(long totalFrames)
    {
        TotalFrames = totalFrames;
        free.Add((0, totalFrames));
    }

    public long TotalFrames { get; }

    public long FreeFrames => free.Sum(extent => extent.Count);

    /// <summary>Base frame of a new extent, or -1 when no free extent is large enough.</summary>
    public long Allocate(long count)
    {
        for (var i = 0; i < free.Count; i++)
        {
            var (start, size) = free[i];
            if (size < count)
            {
                continue;
            }

            if (size == count)
            {
                free.RemoveAt(i);
            }
            else
            {
                free[i] = (start + count, size - count);
            }

            return start;
        }

        return -1;
    }

    public void Release(long start, long count)
    {
        free.Add((start, count));
        free.Sort((a, b) => a.Base.CompareTo(b.Base));
        for (var i = free.Count - 1; i > 0; i--)
        {
            if (free[i - 1].Base + free[i - 1].Count == free[i].Base)
            {
                free[i - 1] = (free[i - 1].Base, free[i - 1].Count + free[i].Count);
                free.RemoveAt(i);
            }
        }
    }
}
