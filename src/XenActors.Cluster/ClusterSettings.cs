using Microsoft.Extensions.Configuration;
using XenActors.Actor;

namespace XenActors.Cluster;

/// <summary>
/// Cluster settings, bound from <c>xenactors:cluster</c>; defaults are Akka.Cluster's (gossip and leader actions
/// every 1 s, seed-node-timeout 5 s, phi threshold 8, heartbeat 1 s, acceptable pause 3 s, keep-majority with
/// stable-after 20 s).
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "xenactors:cluster";

    /// <summary>Seed nodes as <c>host:port</c> or full addresses; the first may form the cluster alone.</summary>
    public List<string> SeedNodes { get; set; } = [];

    public List<string> Roles { get; set; } = [];

    public TimeSpan SeedNodeTimeout { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan GossipInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan LeaderActionsInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Run CoordinatedShutdown when this node is downed or removed (Akka: run-coordinated-shutdown-when-down).</summary>
    public bool RunCoordinatedShutdownWhenDown { get; set; } = true;

    public FailureDetectorSettings FailureDetector { get; set; } = new();
    public DowningSettings Downing { get; set; } = new();

    public static ClusterSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ClusterSettings settings;
        try
        {
            settings = configuration.GetSection(Section).Get<ClusterSettings>() ?? new ClusterSettings();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
        settings.Validate();
        return settings;
    }

    public void Validate()
    {
        for (var i = 0; i < SeedNodes.Count; i++)
        {
            if (!SeedAddress.TryParse(SeedNodes[i], "x", out _, out var error)) throw Bad($"seedNodes:{i}", SeedNodes[i], $"host:port or xen://system@host:port ({error})");
        }
        for (var i = 0; i < Roles.Count; i++)
        {
            if (!ActorPath.IsValidPathElement(Roles[i])) throw Bad($"roles:{i}", Roles[i], "a name of letters, digits, '-' or '_'");
        }
        if (SeedNodeTimeout <= TimeSpan.Zero) throw Bad("seedNodeTimeout", SeedNodeTimeout, "a positive duration");
        if (GossipInterval <= TimeSpan.Zero) throw Bad("gossipInterval", GossipInterval, "a positive duration");
        if (LeaderActionsInterval <= TimeSpan.Zero) throw Bad("leaderActionsInterval", LeaderActionsInterval, "a positive duration");
        FailureDetector.Validate();
        Downing.Validate();
    }

    internal static ConfigurationException Bad(string key, object? value, string expected) =>
        new($"{Section}:{key} is '{value}': expected {expected}.");
}
