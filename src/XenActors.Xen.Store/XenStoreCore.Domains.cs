using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store;

/// <summary>Domain management: INTRODUCE, RELEASE, IS_DOMAIN_INTRODUCED, SET_TARGET, RESUME, quotas.</summary>
public sealed partial class XenStoreCore
{
    public XsDomain? FindDomain(uint domId) => _domains.GetValueOrDefault(domId);

    public static string GetDomainPath(uint domId) => XsPath.DomainPath(domId);

    /// <summary>INTRODUCE: the store starts talking to the domain; fires @introduceDomain the first time.</summary>
    public XsdError Introduce(XsConnection caller, uint domId, ulong mfn, uint port)
    {
        using var batch = Batch();
        if (!caller.Privileged)
            return XsdError.EACCES;
        if (domId == 0 || domId >= 0x7FF0)
            return XsdError.EINVAL;
        var domain = Domain(domId);
        if (domain.Introduced)
            return XsdError.None;
        domain.Introduced = true;
        domain.Mfn = mfn;
        domain.Port = port;
        domain.Shutdown = false;
        DispatchSpecial(XsPath.IntroduceDomain);
        return XsdError.None;
    }

    /// <summary>
    /// RELEASE: forget the domain. Its connections lose their watches and transactions and are told
    /// to close; @releaseDomain fires.
    /// </summary>
    public XsdError Release(XsConnection caller, uint domId)
    {
        using var batch = Batch();
        if (!caller.Privileged)
            return XsdError.EACCES;
        if (domId == 0)
            return XsdError.EINVAL;
        if (!_domains.TryGetValue(domId, out var domain) || !domain.Introduced)
            return XsdError.ENOENT;
        domain.Introduced = false;
        domain.Target = null;
        foreach (var conn in _connections.Where(c => c.DomId == domId).ToList())
        {
            DropWatchesAndTransactions(conn);
            conn.IsOpen = false;
            _connections.Remove(conn);
            _released.Add(conn);
        }
        DispatchSpecial(XsPath.ReleaseDomain);
        return XsdError.None;
    }

    /// <summary>The domain is shutting down (the hypervisor says so): @releaseDomain fires once until RESUME.</summary>
    public void MarkShutdown(uint domId)
    {
        using var batch = Batch();
        if (_domains.TryGetValue(domId, out var domain) && domain.Introduced && !domain.Shutdown)
        {
            domain.Shutdown = true;
            DispatchSpecial(XsPath.ReleaseDomain);
        }
    }

    public XsdError IsDomainIntroduced(XsConnection caller, uint domId, out bool introduced)
    {
        introduced = false;
        if (!caller.Privileged)
            return XsdError.EACCES;
        introduced = _domains.TryGetValue(domId, out var d) && d.Introduced;
        return XsdError.None;
    }

    /// <summary>SET_TARGET: <paramref name="domId"/> gets the rights of <paramref name="target"/> (stub domains).</summary>
    public XsdError SetTarget(XsConnection caller, uint domId, uint target)
    {
        if (!caller.Privileged)
            return XsdError.EACCES;
        if (!_domains.TryGetValue(domId, out var d) || !d.Introduced
            || !_domains.TryGetValue(target, out var t) || !t.Introduced)
        {
            return XsdError.ENOENT;
        }
        d.Target = target;
        return XsdError.None;
    }

    public XsdError Resume(XsConnection caller, uint domId)
    {
        if (!caller.Privileged)
            return XsdError.EACCES;
        if (!_domains.TryGetValue(domId, out var d) || !d.Introduced)
            return XsdError.ENOENT;
        d.Shutdown = false;
        return XsdError.None;
    }

    /// <summary>SET_QUOTA: for every unprivileged domain (no domid) or one domain.</summary>
    public XsdError SetQuota(XsConnection caller, uint? domId, string name, int value)
    {
        if (!caller.Privileged)
            return XsdError.EACCES;
        if (value < 0)
            return XsdError.EINVAL;
        var current = domId is { } id ? QuotasFor(id) : Quotas;
        if (current.With(name, value) is not { } updated)
            return XsdError.EINVAL;
        if (domId is { } d)
            _domainQuotas[d] = updated;
        else
            Quotas = updated;
        return XsdError.None;
    }

    public XsdError GetQuota(XsConnection caller, uint? domId, string name, out int value)
    {
        value = 0;
        if (!caller.Privileged)
            return XsdError.EACCES;
        var quotas = domId is { } id ? QuotasFor(id) : Quotas;
        if (quotas.Get(name) is not { } v)
            return XsdError.EINVAL;
        value = v;
        return XsdError.None;
    }
}
