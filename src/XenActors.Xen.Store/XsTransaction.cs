using XenActors.Xen.Store.Model;

namespace XenActors.Xen.Store;

/// <summary>
/// A transaction's private view: what it wrote (null = deleted) layered over the committed tree,
/// plus the generation of every committed node it looked at (-1 = absent). Commit succeeds only
/// if none of those generations moved, which is xenstored's conflict rule.
/// </summary>
internal sealed class XsTransaction
{
    public XsTransaction(uint id) => Id = id;

    public uint Id { get; }

    /// <summary>Paths written in this transaction and their new version (null when removed).</summary>
    public Dictionary<string, XsNode?> Writes { get; } = new(StringComparer.Ordinal);

    /// <summary>The committed version first seen for each path the transaction touched; reads repeat it.</summary>
    public Dictionary<string, XsNode?> Seen { get; } = new(StringComparer.Ordinal);

    /// <summary>Change in node count per owner, applied at commit.</summary>
    public Dictionary<uint, int> NodeDelta { get; } = [];

    /// <summary>Watch firings recorded while running; delivered only on a successful commit.</summary>
    public List<XsPendingFire> Fires { get; } = [];
}
