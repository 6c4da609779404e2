namespace XenActors.Xen.Store;

/// <summary>A registered watch. Relative watches report relative event paths, as xenstored does.</summary>
internal sealed record XsWatch(XsConnection Connection, string Path, string Token, string? RelativePrefix, int? Depth)
{
    /// <summary>The path to report for an event on absolute <paramref name="path"/>.</summary>
    public string EventPath(string path) =>
        RelativePrefix is { } prefix && path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;
}
