namespace XenActors.Hosting.SplitHost;

/// <summary>
/// Asked of the <see cref="GuestPlacement"/> before xend creates a domain (so a full host refuses before anything
/// changes): hold <paramref name="Count"/> free guest nodes (2 for an HVM guest with a stub domain). Answered with
/// <see cref="GuestNodesReserved"/>; released with <see cref="ReleaseGuestNodes"/> once the create has finished.
/// </summary>
public sealed record ReserveGuestNodes(int Count);
