namespace XenActors.Hosting.SplitHost;

/// <summary>The answer to <see cref="ReserveGuestNodes"/>: held, or why not (xm prints it).</summary>
public sealed record GuestNodesReserved(bool Ok, string Error);
