// A row of plain data for tables and JSON.
#pragma warning disable CA1819

namespace XenActors.Hosting.Node;

/// <summary>
/// One member in <c>cluster status</c>: name, address, roles, state, reachable, pid (null when not running), the
/// xenstored socket it serves, and the split Xen host it is a part of.
/// </summary>
public sealed record MemberStatusRow(string Name, string Address, string[] Roles, string State, bool Reachable, int? Pid, string? XenstoreSocket, string? XenHost = null);
