using System.Buffers.Binary;
using System.Security.Cryptography;
using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>
/// The checksum of a guest's memory, in two levels: the SHA-256 of every page that is not all zeros (its
/// digest), then SHA-256 over (gfn, digest) of those pages in ascending gfn.
/// Two levels because each side of a migration holds its pages at a different time: the destination hashes
/// pages as the pre-copy rounds deliver them and combines the digests in one cheap pass when it resumes the
/// guest; the source hashes its paused, frozen copy page by page after the switch-over. So nothing hashes the
/// whole memory inside the downtime or under a host's hypervisor lock. It stays as strong as one SHA-256 over
/// the memory (a Merkle tree of depth two). Zero pages are skipped so a never-written page and a page written
/// with zeros hash alike: the guest cannot tell them apart either.
/// </summary>
public static class MemoryChecksum
{
    /// <summary>Pages copied out per hold of a host's hypervisor lock when hashing through <see cref="HypervisorGate"/>.</summary>
    public const int PagesPerSlice = 256;

    /// <summary>The digest of one page as the guest sees it (shorter content reads zero-filled); null for a page of zeros.</summary>
    public static byte[]? PageDigest(ReadOnlySpan<byte> content)
    {
        if (!content.ContainsAnyExcept((byte)0))
        {
            return null;
        }

        if (content.Length >= XenHypervisor.PageSize)
        {
            return SHA256.HashData(content[..XenHypervisor.PageSize]);
        }

        Span<byte> page = stackalloc byte[XenHypervisor.PageSize];
        content.CopyTo(page);
        page[content.Length..].Clear();
        return SHA256.HashData(page);
    }

    /// <summary>The checksum from page digests in ascending gfn; null digests (zero pages) are skipped.</summary>
    public static string Combine(IEnumerable<(long Gfn, byte[]? Digest)> digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> gfnBytes = stackalloc byte[sizeof(long)];
        foreach (var (gfn, digest) in digests)
        {
            if (digest is null)
            {
                continue;
            }

            BinaryPrimitives.WriteInt64LittleEndian(gfnBytes, gfn);
            hash.AppendData(gfnBytes);
            hash.AppendData(digest);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The same checksum over pages held elsewhere (e.g. a workload's own copy of what it wrote), in ascending gfn.</summary>
    public static string Compute(IEnumerable<(long Gfn, byte[]? Content)> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return Combine(pages.Select(p => (p.Gfn, p.Content is null ? null : PageDigest(p.Content))));
    }

    /// <summary>A domain's checksum in one go; the caller holds the model (tests, or a model nobody else uses).</summary>
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

    /// <summary>
    /// A domain's checksum on a live host: <see cref="PagesPerSlice"/> pages copied per hold of the lock, hashed
    /// outside it, so the host's other actors are not stalled. Only meaningful while nothing writes the domain
    /// (paused, or its only writer held off). <paramref name="include"/> picks frames (all when null).
    /// </summary>
    public static XenResult<string> Compute(HypervisorGate host, int domid, Func<long, bool>? include = null)
    {
        var pagewise = new PagewiseChecksum(host, domid, include);
        while (pagewise.Step())
        {
        }

        return pagewise.Checksum is { } checksum ? checksum : pagewise.Error!;
    }
}
