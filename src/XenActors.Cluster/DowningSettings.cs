namespace XenActors.Cluster;

/// <summary><c>xenactors:cluster:downing</c>: the split brain resolver (Akka's SBR; keep-majority by default).</summary>
public sealed class DowningSettings
{
    public const string KeepMajority = "keep-majority";
    public const string StaticQuorum = "static-quorum";
    public const string Off = "off";

    public string Strategy { get; set; } = KeepMajority;

    /// <summary>How long the set of unreachable members must stay the same before deciding (Akka: 20 s).</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>For static-quorum: the side with at least this many members survives.</summary>
    public int QuorumSize { get; set; }

    public void Validate()
    {
        if (Strategy is not (KeepMajority or StaticQuorum or Off)) throw ClusterSettings.Bad("downing:strategy", Strategy, $"{KeepMajority}, {StaticQuorum} or {Off}");
        if (StableAfter <= TimeSpan.Zero) throw ClusterSettings.Bad("downing:stableAfter", StableAfter, "a positive duration");
        if (Strategy == StaticQuorum && QuorumSize < 1) throw ClusterSettings.Bad("downing:quorumSize", QuorumSize, "1 or more with static-quorum");
        if (QuorumSize < 0) throw ClusterSettings.Bad("downing:quorumSize", QuorumSize, "0 or more");
    }
}
