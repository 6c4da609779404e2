namespace XenActors.Cluster.Downing;

/// <summary>
/// Akka's split brain resolver decisions, as pure functions: given the members this side counts and which of
/// them it cannot reach, which members to down. Each side of a partition runs the same rule on its own view,
/// so exactly one side (or neither) survives: a partition never leaves both sides acting.
/// </summary>
internal static class SplitBrainResolver
{
    /// <param name="members">Members that count: not Down, Exiting or Removed.</param>
    /// <param name="unreachable">Those of <paramref name="members"/> this side cannot reach.</param>
    public static IReadOnlyList<UniqueAddress> Decide(DowningSettings settings, IReadOnlyCollection<UniqueAddress> members, IReadOnlySet<UniqueAddress> unreachable, out string reason)
    {
        var reachable = members.Where(m => !unreachable.Contains(m)).ToList();
        var lost = members.Where(unreachable.Contains).ToList();
        bool keepReachable;
        switch (settings.Strategy)
        {
            case DowningSettings.StaticQuorum:
                keepReachable = reachable.Count >= settings.QuorumSize;
                reason = $"static-quorum: {reachable.Count} reachable, quorum {settings.QuorumSize}";
                break;
            case DowningSettings.KeepMajority:
                if (reachable.Count != lost.Count)
                {
                    keepReachable = reachable.Count > lost.Count;
                }
                else
                {
                    // A tie keeps the side holding the lowest address, as in Akka.
                    var lowest = members.Min();
                    keepReachable = lowest is not null && !unreachable.Contains(lowest);
                }
                reason = $"keep-majority: {reachable.Count} reachable vs {lost.Count} unreachable";
                break;
            default:
                reason = "downing is off";
                return [];
        }
        return keepReachable ? lost : reachable;
    }
}
