// User actions are a closed family of records that travel together; they read best side by side.
#pragma warning disable CA1034

namespace XenActors.Cluster.Protocol;

/// <summary>Commands a user (or the CLI, from another process) sends to a node's cluster daemon.</summary>
public static class ClusterUserAction
{
    /// <summary>Asks the cluster to let <paramref name="Address"/> leave gracefully.</summary>
    public sealed record Leave(string Address);

    /// <summary>Marks <paramref name="Address"/> Down.</summary>
    public sealed record Down(string Address);

    /// <summary>Replies with a <see cref="ClusterStateSnapshot"/>.</summary>
    public sealed record GetState;
}
