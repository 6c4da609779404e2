using Microsoft.Extensions.Configuration;
using XenActors.Cluster;
using XenActors.Configuration;
using XenActors.Hosting.XenHost;
using XenActors.Remote;

namespace XenActors.Hosting.Node;

/// <summary>Everything a node process is configured with, bound and validated up front (a bad key stops the node).</summary>
public sealed record NodeSettings(NodeOptions Node, ActorSettings Actor, RemoteSettings Remote, ClusterSettings Cluster, XenHostOptions Xen)
{
    /// <summary>Layers the sources (JSON file, environment, command-line overrides) in that order of precedence.</summary>
    public static IConfigurationRoot BuildConfiguration(string? configFile, IReadOnlyList<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full)) throw new XenActors.Actor.ConfigurationException($"--config: file '{configFile}' does not exist.");
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables();
        builder.AddCommandLine([.. commandLine]);
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            throw new XenActors.Actor.ConfigurationException($"--config '{configFile}': {ex.Message}", ex);
        }
    }

    public static NodeSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ActorSettings actor;
        try
        {
            actor = configuration.GetSection(ActorSettings.Section).Get<ActorSettings>() ?? new ActorSettings();
        }
        catch (InvalidOperationException ex)
        {
            throw new XenActors.Actor.ConfigurationException(ex.Message, ex);
        }
        actor.Validate();
        var cluster = ClusterSettings.From(configuration);
        var xen = XenHostOptions.From(configuration);
        AddSplitHostRoles(cluster, xen);
        return new NodeSettings(NodeOptions.From(configuration), actor, RemoteSettings.From(configuration), cluster, xen);
    }

    /// <summary>
    /// A node running parts of a split host also carries <c>kind@host</c> (e.g. <c>dom0@host-1</c>): how the parts of
    /// one host find each other in the membership. A part named without a host is a configuration error.
    /// </summary>
    private static void AddSplitHostRoles(ClusterSettings cluster, XenHostOptions xen)
    {
        var kinds = SplitHost.SplitHostRoles.KindsIn(cluster.Roles);
        if (xen.Host is null) return;
        if (kinds.Count == 0)
            throw new XenActors.Actor.ConfigurationException($"{XenHostOptions.Section}:host is '{xen.Host}' but the roles name no part of it: add one of {string.Join(", ", SplitHost.SplitHostRoles.Kinds)} to xenactors:cluster:roles.");
        if (cluster.Roles.Contains(XenHostOptions.Role))
            throw new XenActors.Actor.ConfigurationException($"the role '{XenHostOptions.Role}' runs a whole Xen host in one process; it cannot be combined with {XenHostOptions.Section}:host (a split host).");
        foreach (var kind in kinds)
        {
            var role = SplitHost.SplitHostRoles.Of(kind, xen.Host);
            if (!cluster.Roles.Contains(role)) cluster.Roles.Add(role);
        }
    }
}
