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
        return new NodeSettings(NodeOptions.From(configuration), actor, RemoteSettings.From(configuration), ClusterSettings.From(configuration), XenHostOptions.From(configuration));
    }
}
