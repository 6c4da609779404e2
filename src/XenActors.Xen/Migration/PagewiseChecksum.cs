using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>
/// <see cref="MemoryChecksum"/> of one domain on a live host, a slice at a time: each <see cref="Step"/> copies
/// up to <see cref="MemoryChecksum.PagesPerSlice"/> pages under the host's lock and hashes them outside it, so a
/// caller can spread the work (e.g. one step per actor message) and nobody waits on the lock for long.
/// </summary>
public sealed class PagewiseChecksum(HypervisorGate host, int domid, Func<long, bool>? include = null)
{
    private readonly List<(long Gfn, byte[]? Digest)> digests = [];
    private readonly byte[] slice = new byte[MemoryChecksum.PagesPerSlice * XenHypervisor.PageSize];
    private long[]? frames;
    private int next;

    /// <summary>Set when every page is hashed.</summary>
    public string? Checksum { get; private set; }

    /// <summary>Set when the domain could not be read (e.g. it is gone).</summary>
    public XenError? Error { get; private set; }

    /// <summary>Hashes the next slice; false once <see cref="Checksum"/> or <see cref="Error"/> is set.</summary>
    public bool Step()
    {
        if (Checksum is not null || Error is not null)
        {
            return false;
        }

        if (frames is null)
        {
            var populated = host.Run(hv => hv.PopulatedFrames(domid));
            if (!populated.TryGetValue(out var all))
            {
                Error = populated.Error;
                return false;
            }

            frames = [.. include is null ? all : all.Where(include)];
        }

        var count = Math.Min(MemoryChecksum.PagesPerSlice, frames.Length - next);
        var first = next;
        var read = host.Run(hv =>
        {
            for (var i = 0; i < count; i++)
            {
                var gpa = (ulong)frames[first + i] * XenHypervisor.PageSize;
                var copied = hv.ReadGuestMemory(domid, gpa, slice.AsSpan(i * XenHypervisor.PageSize, XenHypervisor.PageSize));
                if (!copied.IsSuccess)
                {
                    return copied;
                }
            }

            return XenResult.Ok;
        });
        if (!read.IsSuccess)
        {
            Error = read.Error;
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            digests.Add((frames[first + i], MemoryChecksum.PageDigest(slice.AsSpan(i * XenHypervisor.PageSize, XenHypervisor.PageSize))));
        }

        next += count;
        if (next < frames.Length)
        {
            return true;
        }

        Checksum = MemoryChecksum.Combine(digests);
        return false;
    }
}
