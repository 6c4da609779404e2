namespace XenActors.Xen.Hypervisor;

/// <summary>
/// A domain's guest-physical memory: frames 0..FrameCount-1 backed by machine frames
/// MachineBase+gfn. Bytes are stored sparsely per 4 KiB page (an untouched page reads as zeros),
/// so migration can copy real content; writes are logged in a dirty bitmap while log-dirty is on.
/// </summary>
internal sealed class GuestMemory(long frameCount, long machineBase)
{
    public const int PageShift = 12;
    public const int PageSize = 1 << PageShift;

    private readonly Dictionary<long, byte[]> pages = [];
    private ulong[]? dirty;

    public long FrameCount { get; } = frameCount;

    public long MachineBase { get; } = machineBase;

    public bool LogDirty => dirty is not null;

    public int PopulatedPageCount => pages.Count;

    public IEnumerable<long> PopulatedFrames => pages.Keys.Order();

    public bool ContainsFrame(long gfn) => gfn >= 0 && gfn < FrameCount;

    public bool ContainsRange(ulong gpa, int length) =>
        length >= 0 && gpa >> PageShift < (ulong)FrameCount
        && (length == 0 || (gpa + (ulong)length - 1) >> PageShift < (ulong)FrameCount);

    public long ToMachineFrame(long gfn) => MachineBase + gfn;

    public void Read(ulong gpa, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var address = gpa + (ulong)done;
            var gfn = (long)(address >> PageShift);
            var offset = (int)(address & (PageSize - 1));
            var chunk = Math.Min(PageSize - offset, destination.Length - done);
            if (pages.TryGetValue(gfn, out var page))
            {
                page.AsSpan(offset, chunk).CopyTo(destination.Slice(done, chunk));
            }
            else
            {
                destination.Slice(done, chunk).Clear();
            }

            done += chunk;
        }
    }

    public void Write(ulong gpa, ReadOnlySpan<byte> source)
    {
        var done = 0;
        while (done < source.Length)
        {
            var address = gpa + (ulong)done;
            var gfn = (long)(address >> PageShift);
            var offset = (int)(address & (PageSize - 1));
            var chunk = Math.Min(PageSize - offset, source.Length - done);
            source.Slice(done, chunk).CopyTo(PageFor(gfn).AsSpan(offset, chunk));
            MarkDirty(gfn);
            done += chunk;
        }
    }

    /// <summary>Copy of one frame's bytes, or null if the page was never written.</summary>
    public byte[]? SnapshotFrame(long gfn) => pages.TryGetValue(gfn, out var page) ? (byte[])page.Clone() : null;

    public void ReplaceFrame(long gfn, ReadOnlySpan<byte> content)
    {
        var page = PageFor(gfn);
        content.CopyTo(page);
        page.AsSpan(content.Length).Clear();
        MarkDirty(gfn);
    }

    public void EnableLogDirty() => dirty ??= new ulong[(FrameCount + 63) / 64];

    public void DisableLogDirty() => dirty = null;

    /// <summary>XEN_DOMCTL_SHADOW_OP_PEEK (clean = false) or _CLEAN (clean = true).</summary>
    public long[] DirtyFrames(bool clean)
    {
        if (dirty is null)
        {
            return [];
        }

        var result = new List<long>();
        for (var word = 0; word < dirty.Length; word++)
        {
            var bits = dirty[word];
            while (bits != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(bits);
                result.Add(((long)word * 64) + bit);
                bits &= bits - 1;
            }

            if (clean)
            {
                dirty[word] = 0;
            }
        }

        return [.. result];
    }

    private void MarkDirty(long gfn)
    {
        if (dirty is not null)
        {
            dirty[gfn / 64] |= 1UL << (int)(gfn % 64);
        }
    }

    private byte[] PageFor(long gfn)
    {
        if (!pages.TryGetValue(gfn, out var page))
        {
            page = new byte[PageSize];
            pages[gfn] = page;
        }

        return page;
    }
}
