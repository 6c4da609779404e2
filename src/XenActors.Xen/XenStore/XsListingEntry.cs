namespace XenActors.Xen.XenStore;

/// <summary>One node: absolute path, value and ACL in wire form ("n0,r3").</summary>
public sealed record XsListingEntry(string Path, string Value, string Perms);
