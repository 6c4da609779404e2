using System.Buffers.Binary;
using System.Security.Cryptography;
using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>
/// SHA-256 over a guest's memory: every frame that is not all zeros, as (gfn, bytes) in ascending gfn.
/// Zero pages are skipped so a never-written page and a page written with zeros hash alike: the guest
/// cannot tell them apart either.
/// </summary>
public static class MemoryChecksum
{
    public static XenResult<string> Compute(XenHypervisor hypervisor, int domid)
    {
        ArgumentNullException.ThrowIfNull(hypervisor);
        var frames = hypervisor.PopulatedFrames(domid);
        if (!frames.TryGetValue(out var populated))
        {
            return frames.Error;
        }

        var pages = new List<(long Gfn, byte[]? Content)>(populated.Count);
        foreach (var gfn in populated)
        {
            var frame = hypervisor.ReadFrame(domid, gfn);
            if (!frame.TryGetValue(out var content))
            {
                return frame.Error;
            }

            pages.Add((gfn, content));
        }

        return Compute(pages);
    }

    /// <summary>The same checksum over pages held elsewhere (e.g. a workload's own copy of what it wrote), in ascending gfn.</summary>
    public static string Compute(IEnumerable<(long Gfn, byte[]? Content)> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> gfnBytes = stackalloc byte[sizeof(long)];
        foreach (var (gfn, content) in pages)
        {
            if (content is null || !content.AsSpan().ContainsAnyExcept((byte)0))
            {
                continue;
            }

            BinaryPrimitives.WriteInt64LittleEndian(gfnBytes, gfn);
            hash.AppendData(gfnBytes);
            hash.AppendData(content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
