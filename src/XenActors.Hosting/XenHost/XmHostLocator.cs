using XenActors.Hosting.Node;

namespace XenActors.Hosting.XenHost;

/// <summary>Finds the host node an xm command talks to in a local cluster's state file.</summary>
public static class XmHostLocator
{
    /// <summary>
    /// The running node with the role <c>host</c> named <paramref name="name"/>, or the first one when null;
    /// throws <see cref="InvalidOperationException"/> saying what is missing.
    /// </summary>
    public static LocalNodeState Find(LocalClusterState state, string? name)
    {
        ArgumentNullException.ThrowIfNull(state);
        var hosts = state.Nodes.Where(n => n.Roles.Contains(XenHostOptions.Role)).ToList();
        if (hosts.Count == 0) throw new InvalidOperationException("no node of this cluster has the role 'host' (start one with 'xenactors cluster up --hosts 1')");
        var host = name is null ? hosts[0] : hosts.FirstOrDefault(n => n.Name == name)
            ?? throw new InvalidOperationException($"no host node named '{name}' (hosts: {string.Join(", ", hosts.Select(h => h.Name))})");
        if (!ProcessTools.IsAlive(host.Pid, host.StartedAt)) throw new InvalidOperationException($"host node {host.Name} (pid {host.Pid}) is not running");
        return host;
    }
}
