namespace XenActors.Xen.Migration;

/// <summary>Source to destination migration actor: accept an incoming guest (xend's relocation server accepting a connection).</summary>
public sealed record OpenRelocation(int SourceDomid, string SourceHost);
