namespace XenActors.Hosting.SplitHost;

/// <summary>
/// The parts of one emulated Xen host when each domain is its own node (issue #5 point 7). A node runs the parts
/// its roles name, for the host <c>xenactors:xen:host</c> names; it also carries <c>kind@host</c> (e.g.
/// <c>dom0@host-1</c>) so the nodes of one host find each other through membership.
/// </summary>
public static class SplitHostRoles
{
    /// <summary>Hypervisor and XenStore (with xenstored on a unix socket and the write journal).</summary>
    public const string Xen = "xen";

    /// <summary>xend, the xm gateway and the guest placement launcher; creates the driver domain.</summary>
    public const string Dom0 = "dom0";

    /// <summary>pciback in the driver domain (<see cref="Xen.Host.DriverDomain.DefaultDomid"/>).</summary>
    public const string Driver = "driver";

    /// <summary>A guest launcher that runs the kernel (or stub device model) of one domain at a time.</summary>
    public const string Guest = "guest";

    public static IReadOnlyList<string> Kinds { get; } = [Xen, Dom0, Driver, Guest];

    /// <summary>The membership role of <paramref name="kind"/> on <paramref name="host"/>, e.g. <c>dom0@host-1</c>.</summary>
    public static string Of(string kind, string host) => kind + "@" + host;

    /// <summary>The host a role like <c>dom0@host-1</c> names for <paramref name="kind"/>, or null.</summary>
    public static string? HostOf(string role, string kind)
    {
        ArgumentNullException.ThrowIfNull(role);
        var prefix = kind + "@";
        return role.StartsWith(prefix, StringComparison.Ordinal) && role.Length > prefix.Length ? role[prefix.Length..] : null;
    }

    /// <summary>The parts among <paramref name="roles"/>, in start order.</summary>
    public static IReadOnlyList<string> KindsIn(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return [.. Kinds.Where(set.Contains)];
    }
}
