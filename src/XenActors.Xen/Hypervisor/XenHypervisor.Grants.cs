using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

// Grant tables (v1, GTF_permit_access only). The granter fills its own table entry, the grantee maps
// it with GNTTABOP_map_grant_ref; the entry cannot be ended while mapped, as in Linux's
// gnttab_end_foreign_access_ref, which fails while GTF_reading/GTF_writing are set.
public sealed partial class XenHypervisor
{
    /// <summary>Linux keeps the first entries for the toolstack (console, xenstore): GNTTAB_NR_RESERVED_ENTRIES.</summary>
    public const uint FirstGrantReference = 8;

    private int nextGrantHandle;

    /// <summary>
    /// gnttab_grant_foreign_access: lets <paramref name="grantee"/> map guest frame <paramref name="frame"/>
    /// of <paramref name="granter"/>. ESRCH / EINVAL (dying, or frame outside memory) / ENOSPC (table full).
    /// </summary>
    public XenResult<uint> GrantAccess(int granter, int grantee, long frame, bool readOnly)
    {
        var lookup = LiveDomain(granter);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        if (!domain.Memory.ContainsFrame(frame))
        {
            return Fail(Errno.EINVAL, $"frame {frame:x} is outside domain {granter}'s {domain.FrameCount} frames");
        }

        if (domain.Grants.Count >= Options.MaxGrantEntries - FirstGrantReference)
        {
            return Fail(Errno.ENOSPC, $"domain {granter}'s grant table is full ({Options.MaxGrantEntries} entries)");
        }

        var reference = FirstGrantReference;
        while (domain.Grants.ContainsKey(reference))
        {
            reference++;
        }

        domain.Grants[reference] = new GrantEntry(reference, Resolve(grantee, granter), frame, readOnly);
        return reference;
    }

    /// <summary>
    /// GNTTABOP_map_grant_ref by <paramref name="mapper"/>. GNTST_bad_domain (ESRCH) for a missing granter,
    /// bad_gntref (EINVAL) for an unused or revoked entry, permission_denied (EPERM) when the entry names
    /// another grantee or a writable map of a read-only grant is asked for.
    /// </summary>
    public XenResult<GrantMapping> MapGrant(int mapper, int granter, uint reference, bool readOnly)
    {
        var self = CallerDomain(mapper);
        if (!self.TryGetValue(out var mapperDomain))
        {
            return self.Error;
        }

        if (Find(Resolve(granter, mapper)) is not { } granterDomain)
        {
            return GrantFail(GrantStatus.BadDomain, Errno.ESRCH, $"no domain {DomainIds.Describe(granter)}");
        }

        if (!granterDomain.Grants.TryGetValue(reference, out var entry) || entry.Revoked)
        {
            return GrantFail(GrantStatus.BadGntref, Errno.EINVAL, $"grant {reference} of domain {granterDomain.Id} is not in use");
        }

        if (entry.Grantee != mapper)
        {
            return GrantFail(GrantStatus.PermissionDenied, Errno.EPERM, $"grant {reference} of domain {granterDomain.Id} is for domain {entry.Grantee}, not {mapper}");
        }

        if (entry.ReadOnly && !readOnly)
        {
            return GrantFail(GrantStatus.PermissionDenied, Errno.EPERM, $"grant {reference} of domain {granterDomain.Id} is read-only");
        }

        var mapping = new GrantMapping(++nextGrantHandle, mapper, granterDomain.Id, reference, readOnly, entry.Frame, granterDomain.Memory);
        entry.MapCount++;
        granterDomain.ForeignMappings++;
        mapperDomain.Mappings[mapping.Handle] = mapping;
        return mapping;
    }

    /// <summary>GNTTABOP_unmap_grant_ref. GNTST_bad_handle (EINVAL) for a handle the mapper does not hold.</summary>
    public XenResult UnmapGrant(int mapper, int handle)
    {
        if (Find(mapper) is not { } mapperDomain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(mapper)}");
        }

        if (!mapperDomain.Mappings.Remove(handle, out var mapping))
        {
            return GrantFail(GrantStatus.BadHandle, Errno.EINVAL, $"domain {mapper} holds no grant mapping {handle}");
        }

        ReleaseMapping(mapping);
        return XenResult.Ok;
    }

    /// <summary>gnttab_end_foreign_access_ref: EBUSY while the grantee still maps the entry, EINVAL if not in use.</summary>
    public XenResult EndAccess(int granter, uint reference)
    {
        if (Find(granter) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(granter)}");
        }

        if (!domain.Grants.TryGetValue(reference, out var entry))
        {
            return Fail(Errno.EINVAL, $"grant {reference} of domain {granter} is not in use");
        }

        if (entry.MapCount > 0)
        {
            return Fail(Errno.EBUSY, $"grant {reference} of domain {granter} is still mapped by domain {entry.Grantee}");
        }

        domain.Grants.Remove(reference);
        return XenResult.Ok;
    }

    public XenResult<GrantInfo> QueryGrant(int granter, uint reference)
    {
        if (Find(granter) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(granter)}");
        }

        return domain.Grants.TryGetValue(reference, out var e)
            ? new GrantInfo(granter, e.Reference, e.Grantee, e.Frame, e.ReadOnly, e.MapCount, e.Revoked)
            : Fail(Errno.EINVAL, $"grant {reference} of domain {granter} is not in use");
    }

    private static XenError GrantFail(GrantStatus status, Errno errno, string message) =>
        new(errno, message) { GrantStatus = status };

    private void ReleaseMapping(GrantMapping mapping)
    {
        mapping.IsMapped = false;
        if (Find(mapping.Granter) is not { } granter)
        {
            return;
        }

        if (granter.Grants.TryGetValue(mapping.Reference, out var entry))
        {
            entry.MapCount--;
            if (entry.Revoked && entry.MapCount == 0)
            {
                granter.Grants.Remove(mapping.Reference);
            }
        }

        granter.ForeignMappings--;
        FinishIfUnreferenced(granter);
    }

    private void ReleaseMappingsHeldBy(Domain domain)
    {
        foreach (var mapping in domain.Mappings.Values.ToList())
        {
            domain.Mappings.Remove(mapping.Handle);
            ReleaseMapping(mapping);
            Log(HypervisorEventKind.GrantMappingReleased, domain.Id, $"released mapping of grant {mapping.Reference} of domain {mapping.Granter}");
        }
    }

    /// <summary>Unmapped entries vanish; mapped ones are marked revoked and go when their last mapping does.</summary>
    private void RevokeGrantsOf(Domain domain)
    {
        var revoked = 0;
        foreach (var entry in domain.Grants.Values.ToList())
        {
            revoked++;
            if (entry.MapCount == 0)
            {
                domain.Grants.Remove(entry.Reference);
            }
            else
            {
                entry.Revoked = true;
            }
        }

        if (revoked > 0)
        {
            Log(HypervisorEventKind.GrantRevoked, domain.Id, $"{revoked} grant(s) revoked, {domain.ForeignMappings} mapping(s) still held by other domains");
        }
    }
}
