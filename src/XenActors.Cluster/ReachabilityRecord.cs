namespace XenActors.Cluster;

/// <summary>One observer's opinion of one subject; only the observer writes it, bumping the version each time.</summary>
internal sealed record ReachabilityRecord(bool Unreachable, long Version);
