using System.Text;
using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store;

/// <summary>Node operations: READ, WRITE, MKDIR, RM, DIRECTORY(_PART), GET/SET_PERMS.</summary>
public sealed partial class XenStoreCore
{
    public XsdError Read(XsConnection connection, uint txId, string path, out byte[] value)
    {
        using var batch = Batch();
        value = [];
        var err = ResolveTransaction(connection, txId, out var tx);
        return err != XsdError.None ? err : ReadCore(connection, tx, path, out value);
    }

    public XsdError Write(XsConnection connection, uint txId, string path, byte[] value)
    {
        using var batch = Batch();
        var err = ResolveTransaction(connection, txId, out var tx);
        return err != XsdError.None ? err : WriteCore(connection, tx, path, value);
    }

    public XsdError Write(XsConnection connection, uint txId, string path, string value) =>
        Write(connection, txId, path, Encoding.UTF8.GetBytes(value));

    public XsdError Mkdir(XsConnection connection, uint txId, string path)
    {
        using var batch = Batch();
        var err = ResolveTransaction(connection, txId, out var tx);
        return err != XsdError.None ? err : MkdirCore(connection, tx, path);
    }

    public XsdError Rm(XsConnection connection, uint txId, string path)
    {
        using var batch = Batch();
        var err = ResolveTransaction(connection, txId, out var tx);
        return err != XsdError.None ? err : RmCore(connection, tx, path);
    }

    public XsdError Directory(XsConnection connection, uint txId, string path, out IReadOnlyList<string> children)
    {
        using var batch = Batch();
        children = [];
        var err = ResolveTransaction(connection, txId, out var tx);
        if (err != XsdError.None)
            return err;
        err = DirectoryCore(connection, tx, path, out var node);
        if (err == XsdError.None)
            children = node!.Children;
        return err;
    }

    public XsdError GetPerms(XsConnection connection, uint txId, string path, out XsAcl acl)
    {
        using var batch = Batch();
        acl = XsAcl.Dom0Only;
        var err = ResolveTransaction(connection, txId, out var tx);
        return err != XsdError.None ? err : GetPermsCore(connection, tx, path, out acl);
    }

    public XsdError SetPerms(XsConnection connection, uint txId, string path, IReadOnlyList<XsPerm> perms)
    {
        using var batch = Batch();
        var err = ResolveTransaction(connection, txId, out var tx);
        return err != XsdError.None ? err : SetPermsCore(connection, tx, path, perms);
    }

    private XsdError ReadCore(XsConnection c, XsTransaction? tx, string? raw, out byte[] value)
    {
        value = [];
        var err = Canonicalize(c, raw, false, out var path, out _);
        if (err != XsdError.None)
            return err;
        err = GetNode(c, tx, path, XsAccess.Read, out var node);
        if (err == XsdError.None)
            value = node!.Value;
        return err;
    }

    private XsdError DirectoryCore(XsConnection c, XsTransaction? tx, string? raw, out XsNode? node)
    {
        node = null;
        var err = Canonicalize(c, raw, false, out var path, out _);
        return err != XsdError.None ? err : GetNode(c, tx, path, XsAccess.Read, out node);
    }

    private XsdError WriteCore(XsConnection c, XsTransaction? tx, string? raw, byte[] value)
    {
        var err = Canonicalize(c, raw, false, out var path, out _);
        if (err != XsdError.None)
            return err;
        err = GetNode(c, tx, path, XsAccess.Write, out var node);
        if (err == XsdError.ENOENT)
            return Create(c, tx, path, value);
        if (err != XsdError.None)
            return err;

        var updated = node!.WithValue(value, ++_generation);
        if (QuotasFor(c) is { } q && updated.AccountedSize > q.NodeSize)
            return XsdError.ENOSPC;
        if (TransactionFull(c, tx, tx?.Writes.ContainsKey(path) == true ? 0 : 1))
            return XsdError.ENOSPC;
        Store(tx, path, updated);
        Fire(tx, new XsPendingFire(path, false, updated.Acl, null));
        return XsdError.None;
    }

    private XsdError MkdirCore(XsConnection c, XsTransaction? tx, string? raw)
    {
        var err = Canonicalize(c, raw, false, out var path, out _);
        if (err != XsdError.None)
            return err;
        err = GetNode(c, tx, path, XsAccess.Write, out _);
        return err == XsdError.ENOENT ? Create(c, tx, path, []) : err;
    }

    /// <summary>
    /// construct_node()/create_node(): makes the node and any missing parents, each inheriting the
    /// nearest existing ancestor's ACL, owned by the creator when it is unprivileged.
    /// </summary>
    private XsdError Create(XsConnection c, XsTransaction? tx, string path, byte[] value)
    {
        var missing = new List<string>(4) { path };
        var ancestorPath = XsPath.Parent(path);
        XsNode? ancestor;
        while ((ancestor = Lookup(tx, ancestorPath)) is null)
        {
            missing.Add(ancestorPath);
            ancestorPath = XsPath.Parent(ancestorPath);
        }

        var acl = c.Privileged ? ancestor.Acl : ancestor.Acl.WithOwner(c.DomId);
        var quotas = QuotasFor(c);
        var leaf = new XsNode(value, acl, [], ++_generation);
        var top = missing[^1];
        var updatedAncestor = ancestor.WithChild(XsPath.BaseName(top), ++_generation);
        if (quotas is not null)
        {
            if (CountFor(tx, c.DomId) + missing.Count > quotas.Nodes
                || leaf.AccountedSize > quotas.NodeSize
                || updatedAncestor.AccountedSize > quotas.NodeSize
                || TransactionFull(c, tx, missing.Count + 1))
            {
                return XsdError.ENOSPC;
            }
        }

        Store(tx, path, leaf);
        for (var i = 1; i < missing.Count; i++)
            Store(tx, missing[i], new XsNode([], acl, [XsPath.BaseName(missing[i - 1])], ++_generation));
        Store(tx, ancestorPath, updatedAncestor);
        AdjustCount(tx, acl.Owner, missing.Count);
        Fire(tx, new XsPendingFire(path, false, acl, null));
        return XsdError.None;
    }

    private XsdError RmCore(XsConnection c, XsTransaction? tx, string? raw)
    {
        var err = Canonicalize(c, raw, false, out var path, out _);
        if (err != XsdError.None)
            return err;
        err = GetNode(c, tx, path, XsAccess.Write, out var node);
        if (err == XsdError.ENOENT)
            return Lookup(tx, XsPath.Parent(path)) is not null ? XsdError.None : XsdError.ENOENT;
        if (err != XsdError.None)
            return err;
        if (path == "/")
            return XsdError.EINVAL;

        // Children first, as xenstored's tree walk does: each fires only watches exactly on it.
        var doomed = new List<(string Path, XsNode Node)>();
        CollectSubtree(tx, path, node!, doomed);
        if (TransactionFull(c, tx, doomed.Count + 1))
            return XsdError.ENOSPC;

        // A transaction can see a node whose parent someone else has since removed; it is doomed
        // to EAGAIN at commit anyway, and xenstored answers EINVAL here.
        var parentPath = XsPath.Parent(path);
        if (Lookup(tx, parentPath) is not { } parent)
            return XsdError.EINVAL;
        foreach (var (p, n) in doomed)
        {
            Store(tx, p, null);
            AdjustCount(tx, n.Acl.Owner, -1);
            Fire(tx, new XsPendingFire(p, p != path, n.Acl, null));
        }
        Store(tx, parentPath, parent.WithoutChild(XsPath.BaseName(path), ++_generation));
        return XsdError.None;
    }

    private void CollectSubtree(XsTransaction? tx, string path, XsNode node, List<(string, XsNode)> into)
    {
        foreach (var child in node.Children)
        {
            var childPath = XsPath.Child(path, child);
            if (Lookup(tx, childPath) is { } childNode)
                CollectSubtree(tx, childPath, childNode, into);
        }
        into.Add((path, node));
    }

    private XsdError GetPermsCore(XsConnection c, XsTransaction? tx, string? raw, out XsAcl acl)
    {
        acl = XsAcl.Dom0Only;
        var err = Canonicalize(c, raw, true, out var path, out _);
        if (err != XsdError.None)
            return err;
        if (XsPath.IsSpecial(path))
        {
            acl = _specialAcls[path];
            return (AccessFor(c, acl) & XsAccess.Read) != 0 ? XsdError.None : XsdError.EACCES;
        }
        err = GetNode(c, tx, path, XsAccess.Read, out var node);
        if (err == XsdError.None)
            acl = node!.Acl;
        return err;
    }

    private XsdError SetPermsCore(XsConnection c, XsTransaction? tx, string? raw, IReadOnlyList<XsPerm> perms)
    {
        if (perms.Count == 0)
            return XsdError.EINVAL;
        if (QuotasFor(c) is { } q && perms.Count > q.PermsPerNode)
            return XsdError.ENOSPC;
        var err = Canonicalize(c, raw, true, out var path, out _);
        if (err != XsdError.None)
            return err;
        var acl = new XsAcl(perms);

        if (XsPath.IsSpecial(path))
        {
            var current = _specialAcls[path];
            if ((AccessFor(c, current) & (XsAccess.Write | XsAccess.Owner)) != (XsAccess.Write | XsAccess.Owner))
                return XsdError.EACCES;
            if (!c.Privileged && acl.Owner != current.Owner)
                return XsdError.EPERM;
            _specialAcls[path] = acl;
            return XsdError.None;
        }

        err = GetNode(c, tx, path, XsAccess.Write | XsAccess.Owner, out var node);
        if (err != XsdError.None)
            return err;
        if (!c.Privileged && acl.Owner != node!.Acl.Owner)
            return XsdError.EPERM;
        if (TransactionFull(c, tx, tx?.Writes.ContainsKey(path) == true ? 0 : 1))
            return XsdError.ENOSPC;

        var old = node!.Acl;
        Store(tx, path, node.WithAcl(acl, ++_generation));
        AdjustCount(tx, old.Owner, -1);
        AdjustCount(tx, acl.Owner, +1);
        Fire(tx, new XsPendingFire(path, false, acl, old));
        return XsdError.None;
    }
}
