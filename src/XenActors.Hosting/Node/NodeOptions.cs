using Microsoft.Extensions.Configuration;
using XenActors.Actor;

namespace XenActors.Hosting.Node;

/// <summary><c>xenactors:node</c>: who this node process is.</summary>
public sealed class NodeOptions
{
    public const string Section = "xenactors:node";

    /// <summary>The actor system name; all nodes of one cluster share it.</summary>
    public string SystemName { get; set; } = "xenactors";

    /// <summary>This node's name in logs and in <c>cluster status</c>.</summary>
    public string Name { get; set; } = "node";

    public static NodeOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        NodeOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<NodeOptions>() ?? new NodeOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (!ActorSystemName.IsValid(SystemName)) throw new ConfigurationException($"{Section}:systemName is '{SystemName}': expected letters, digits and non-leading '-'.");
        if (!ActorPath.IsValidPathElement(Name)) throw new ConfigurationException($"{Section}:name is '{Name}': expected letters, digits, '-' or '_'.");
    }
}
