namespace XenActors.Xen.XenStore;

/// <summary>XS_WATCH_EVENT: a watched node (or one below it) changed; sent to the watching actor.</summary>
public sealed record XsWatchEvent(string Path, string Token);
