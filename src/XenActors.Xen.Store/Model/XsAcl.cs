using System.Text;

namespace XenActors.Xen.Store.Model;

/// <summary>
/// A node's permissions. Entry 0 names the owner and is the default for every domain not listed;
/// immutable so nodes can share it and transactions can keep old versions for free.
/// </summary>
public sealed class XsAcl : IEquatable<XsAcl>
{
    private readonly XsPerm[] _entries;

    public XsAcl(IEnumerable<XsPerm> entries)
    {
        _entries = entries.ToArray();
        if (_entries.Length == 0)
            throw new ArgumentException("An ACL needs at least the owner entry.", nameof(entries));
    }

    /// <summary>The root's ACL and the default for dom0-created trees: owned by dom0, nobody else may look.</summary>
    public static XsAcl Dom0Only { get; } = new([new XsPerm(0, XsAccess.None)]);

    public uint Owner => _entries[0].DomId;

    public IReadOnlyList<XsPerm> Entries => _entries;

    public int Count => _entries.Length;

    /// <summary>
    /// perm_for_conn(): privileged callers and the owner (or a domain targeting the owner) get everything;
    /// otherwise the first entry naming the domain (or its target) wins; otherwise the default entry.
    /// </summary>
    public XsAccess AccessFor(uint domid, bool privileged, uint? target)
    {
        var owner = _entries[0].DomId;
        if (privileged || owner == domid || (target is { } t && owner == t))
            return XsAccess.All;
        for (var i = 1; i < _entries.Length; i++)
        {
            var e = _entries[i];
            if (e.DomId == domid || (target is { } tt && e.DomId == tt))
                return e.Access;
        }
        return _entries[0].Access;
    }

    /// <summary>Same ACL with a different owner (an unprivileged creator owns what it creates).</summary>
    public XsAcl WithOwner(uint domid)
    {
        if (_entries[0].DomId == domid)
            return this;
        var copy = (XsPerm[])_entries.Clone();
        copy[0] = copy[0] with { DomId = domid };
        return new XsAcl(copy);
    }

    /// <summary>GET_PERMS reply: each entry as a NUL-terminated string.</summary>
    public byte[] ToPayload()
    {
        var sb = new StringBuilder();
        foreach (var e in _entries)
            sb.Append(e.ToString()).Append('\0');
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    public override string ToString() => string.Join(",", _entries.Select(e => e.ToString()));

    public bool Equals(XsAcl? other) => other is not null && _entries.AsSpan().SequenceEqual(other._entries);

    public override bool Equals(object? obj) => Equals(obj as XsAcl);

    public override int GetHashCode() => HashCode.Combine(_entries.Length, _entries[0]);
}
