namespace XenActors.Actor;

/// <summary>
/// Where an actor system lives: <c>xen://system</c> when local, <c>xen://system@host:port</c> once remoting binds.
/// Mirrors Akka's Address; the protocol is <c>xen</c> instead of <c>akka</c>.
/// </summary>
public sealed class Address : IEquatable<Address>, IComparable<Address>
{
    public const string DefaultProtocol = "xen";

    private string? _text;

    public Address(string protocol, string system, string? host = null, int? port = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(protocol);
        ArgumentException.ThrowIfNullOrEmpty(system);
        if (host is not null && port is null) throw new ArgumentException("an address with a host needs a port", nameof(port));
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "port must be 0-65535");
        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
    }

    public string Protocol { get; }
    public string System { get; }
    public string? Host { get; }
    public int? Port { get; }

    /// <summary>True when the address names no host: the system is reachable only in-process.</summary>
    public bool HasLocalScope => Host is null;

    /// <summary><c>system@host:port</c>, the form used by cluster tables and seeds.</summary>
    public string HostPort() => Host is null ? System : $"{System}@{Host}:{Port}";

    public override string ToString() =>
        _text ??= Host is null ? $"{Protocol}://{System}" : $"{Protocol}://{System}@{Host}:{Port}";

    public bool Equals(Address? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (Port == other.Port && string.Equals(Protocol, other.Protocol, StringComparison.Ordinal) &&
          string.Equals(System, other.System, StringComparison.Ordinal) &&
          string.Equals(Host, other.Host, StringComparison.Ordinal)));

    public override bool Equals(object? obj) => obj is Address a && Equals(a);

    public override int GetHashCode() => HashCode.Combine(Protocol, System, Host, Port);

    public int CompareTo(Address? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    public static bool operator ==(Address? a, Address? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Address? a, Address? b) => !(a == b);

    /// <summary>Parses <c>proto://system[@host:port]</c>.</summary>
    public static Address Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    public static bool TryParse(string text, out Address address, out string error)
    {
        address = null!;
        var rest = text;
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0) { error = $"'{text}' is not an address: expected proto://system[@host:port]"; return false; }
        var protocol = rest[..scheme];
        rest = rest[(scheme + 3)..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var system = at < 0 ? rest : rest[..at];
        if (!ActorSystemName.IsValid(system)) { error = $"'{text}': invalid system name '{system}'"; return false; }
        if (at < 0) { address = new Address(protocol, system); error = ""; return true; }
        var hostPort = rest[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
        {
            error = $"'{text}': expected host:port after '@'";
            return false;
        }
        var host = hostPort[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        address = new Address(protocol, system, host, port);
        error = "";
        return true;
    }
}
