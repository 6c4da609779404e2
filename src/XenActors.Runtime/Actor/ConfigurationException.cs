namespace XenActors.Actor;

/// <summary>Settings that cannot be used; the message names the configuration key.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message, Exception? inner = null) : base(message, inner) { }
}
