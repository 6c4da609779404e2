namespace XenActors.Xen.XenStore;

/// <summary>
/// Tooling (tests, `xenstore-ls -f` style dumps): every node under <paramref name="Root"/>, depth-first
/// in child order, read with dom0's rights. Answered with an <see cref="XsListing"/>.
/// </summary>
public sealed record XsList(string Root);
