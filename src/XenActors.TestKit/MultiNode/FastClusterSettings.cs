using XenActors.Cluster;
using XenActors.Remote;

namespace XenActors.TestKit.MultiNode;

/// <summary>
/// Short timings for tests: heartbeats and gossip every 200 ms, a node counts as lost after about 2 s and the
/// downing decision waits 2 s of stability — fast, yet generous enough for a loaded 2-core machine.
/// </summary>
public static class FastClusterSettings
{
    public static ClusterSettings Cluster(params string[] roles) => new()
    {
        Roles = [.. roles],
        SeedNodeTimeout = TimeSpan.FromSeconds(1),
        GossipInterval = TimeSpan.FromMilliseconds(200),
        LeaderActionsInterval = TimeSpan.FromMilliseconds(200),
        FailureDetector = new FailureDetectorSettings
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            AcceptableHeartbeatPause = TimeSpan.FromSeconds(1.5),
            Threshold = 8.0,
        },
        Downing = new DowningSettings { Strategy = DowningSettings.KeepMajority, StableAfter = TimeSpan.FromSeconds(2) },
    };

    public static RemoteSettings Remote(string secret, int port = 0) => new()
    {
        Hostname = "127.0.0.1",
        Port = port,
        Secret = secret,
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        WatchUnreachableAfter = TimeSpan.FromSeconds(3),
        ReconnectMinBackoff = TimeSpan.FromMilliseconds(50),
        ReconnectMaxBackoff = TimeSpan.FromMilliseconds(500),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };
}
