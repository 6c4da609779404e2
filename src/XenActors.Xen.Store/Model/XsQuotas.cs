namespace XenActors.Xen.Store.Model;

/// <summary>
/// Per-domain limits for unprivileged domains (xenstored domain.c defaults). Privileged
/// connections are never limited. Exceeding one gives ENOSPC, except the path length which
/// xenstored reports as EINVAL because it is checked while canonicalizing.
/// </summary>
public sealed record XsQuotas
{
    public int Nodes { get; init; } = 1000;

    public int Watches { get; init; } = 128;

    public int Transactions { get; init; } = 10;

    /// <summary>Replies/events a connection may have queued; the socket server stops reading past it.</summary>
    public int OutstandingRequests { get; init; } = 20;

    /// <summary>Nodes one transaction may write (create, modify or delete).</summary>
    public int TransactionNodes { get; init; } = 1024;

    public int PermsPerNode { get; init; } = 5;

    /// <summary>Data + child list + 4 bytes per ACL entry, see <see cref="XsNode.AccountedSize"/>.</summary>
    public int NodeSize { get; init; } = 2048;

    /// <summary>Path length below /local/domain/&lt;id&gt;/.</summary>
    public int PathLength { get; init; } = XsPath.RelativeMax;

    public static XsQuotas Default { get; } = new();

    /// <summary>Names used by GET_QUOTA / SET_QUOTA and the --quota-* options.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["nodes", "watches", "transactions", "outstanding", "transaction-nodes", "permissions", "node-size", "path-max"];

    public int? Get(string name) => name switch
    {
        "nodes" => Nodes,
        "watches" => Watches,
        "transactions" => Transactions,
        "outstanding" => OutstandingRequests,
        "transaction-nodes" => TransactionNodes,
        "permissions" => PermsPerNode,
        "node-size" => NodeSize,
        "path-max" => PathLength,
        _ => null,
    };

    public XsQuotas? With(string name, int value) => name switch
    {
        "nodes" => this with { Nodes = value },
        "watches" => this with { Watches = value },
        "transactions" => this with { Transactions = value },
        "outstanding" => this with { OutstandingRequests = value },
        "transaction-nodes" => this with { TransactionNodes = value },
        "permissions" => this with { PermsPerNode = value },
        "node-size" => this with { NodeSize = value },
        "path-max" => this with { PathLength = value },
        _ => null,
    };
}
