using XenActors.Actor;

namespace XenActors.Cluster;

/// <summary>Seed entries may be written <c>host:port</c> (the cluster's system name is implied) or as full addresses.</summary>
public static class SeedAddress
{
    public static bool TryParse(string text, string systemName, out Address address, out string error)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(text)) { error = "empty seed"; return false; }
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Address.TryParse(text, out address, out error)) return false;
            if (address.Host is null) { error = "a seed needs host:port"; return false; }
            return true;
        }
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}' is not host:port";
            return false;
        }
        address = new Address(Address.DefaultProtocol, systemName, text[..colon], port);
        error = "";
        return true;
    }
}
