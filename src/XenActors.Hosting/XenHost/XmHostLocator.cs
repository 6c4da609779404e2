using XenActors.Hosting.Node;
using XenActors.Hosting.SplitHost;

namespace XenActors.Hosting.XenHost;

/// <summary>Finds the node an xm command talks to in a local cluster's state file: a whole host, or a split host's dom0.</summary>
public static class XmHostLocator
{
    /// <summary>Whether xm talks to this node: it runs a whole host (role <c>host</c>) or a split host's dom0.</summary>
    public static bool ServesXm(LocalNodeState node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Roles.Contains(XenHostOptions.Role) || node.Roles.Any(r => SplitHostRoles.HostOf(r, SplitHostRoles.Dom0) is not null);
    }

    /// <summary>
    /// The running xm node whose name, or whose split host's name (e.g. <c>host-1</c>), is <paramref name="name"/>;
    /// the first one when null. Throws <see cref="InvalidOperationException"/> saying what is missing.
    /// </summary>
    public static LocalNodeState Find(LocalClusterState state, string? name)
    {
        ArgumentNullException.ThrowIfNull(state);
        var hosts = state.Nodes.Where(ServesXm).ToList();
        if (hosts.Count == 0) throw new InvalidOperationException("no node of this cluster runs a Xen host (start one with 'xenactors cluster up --hosts 1', or '--hosts 1 --guests 2' for a split host)");
        var host = name is null ? hosts[0] : hosts.FirstOrDefault(n => n.Name == name || (n.XenHost is not null && n.XenHost == name))
            ?? throw new InvalidOperationException($"no host named '{name}' (hosts: {string.Join(", ", hosts.Select(h => h.XenHost ?? h.Name))})");
        if (!ProcessTools.IsAlive(host.Pid, host.StartedAt)) throw new InvalidOperationException($"host node {host.Name} (pid {host.Pid}) is not running");
        return host;
    }
}
