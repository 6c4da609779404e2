// Plain data for other processes (the CLI): member rows with text fields only.
#pragma warning disable CA1819

namespace XenActors.Cluster.Protocol;

/// <summary>A node's view of the cluster in plain data, for other processes (the CLI's <c>cluster status</c>).</summary>
public sealed record ClusterStateSnapshot(string SelfAddress, string? Leader, MemberRow[] Members, int Pid);

/// <summary>One member as the answering node sees it.</summary>
public sealed record MemberRow(string Address, long Uid, string Status, string[] Roles, bool Reachable, int UpNumber);
