namespace XenActors.Xen.XenStore;

/// <summary>The nodes under a root; empty when the root does not exist.</summary>
public sealed record XsListing(IReadOnlyList<XsListingEntry> Entries)
{
    /// <summary>`xenstore-ls -f` lines: <c>/path = "value"</c>.</summary>
    public IReadOnlyList<string> Lines => Entries.Select(e => $"{e.Path} = \"{e.Value}\"").ToList();
}
