using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using XenActors.Cluster.Protocol;

namespace XenActors.Hosting.Node;

/// <summary>
/// Starts, inspects and stops a cluster of node processes on loopback ports, keeping its state in a directory
/// (default <c>./.xenactors</c>) so each step can run from a different shell.
/// </summary>
public sealed class LocalClusterLauncher(string directory, TextWriter progress)
{
    /// <summary>Local clusters detect failures in seconds, not tens of seconds: set through environment variables.</summary>
    private static readonly Dictionary<string, string> LocalTimings = new()
    {
        ["xenactors__remote__heartbeatInterval"] = "00:00:00.500",
        ["xenactors__remote__watchUnreachableAfter"] = "00:00:05",
        ["xenactors__cluster__seedNodeTimeout"] = "00:00:02",
        ["xenactors__cluster__gossipInterval"] = "00:00:00.300",
        ["xenactors__cluster__leaderActionsInterval"] = "00:00:00.300",
        ["xenactors__cluster__failureDetector__heartbeatInterval"] = "00:00:00.500",
        ["xenactors__cluster__downing__stableAfter"] = "00:00:05",
    };

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Configuration every node started gets on top (environment-variable keys, e.g. <c>xenactors__remote__port</c>).</summary>
    public IReadOnlyDictionary<string, string> NodeEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Starts <paramref name="count"/> nodes (the first two are seeds) and returns the state written. The first
    /// <paramref name="hosts"/> also get the role <c>host</c>: each runs one emulated Xen host, its xenstored on
    /// <c>D/&lt;name&gt;.xs.sock</c>, with the PCI inventory in <paramref name="inventory"/> (null: the default set).
    /// </summary>
    public LocalClusterState Up(int count, string dllPath, string? configFile, int hosts = 0, string? inventory = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hosts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hosts, count);
        var plan = new List<NodePlan>();
        for (var i = 0; i < count; i++)
        {
            var name = $"node-{i + 1}";
            var roles = new List<string> { i == 0 ? "dom0" : "domU" };
            if (i < hosts) roles.Add(XenHost.XenHostOptions.Role);
            plan.Add(new NodePlan(name, roles, i < hosts ? Path.Combine(Directory, name + ".xs.sock") : null, null, 0));
        }
        return Start(plan, dllPath, configFile, inventory);
    }

    /// <summary>
    /// Starts <paramref name="hosts"/> split Xen hosts, each domain its own node (issue #5 point 7): per host
    /// <c>host-K-xen</c> (hypervisor, XenStore, xenstored on <c>D/host-K-xen.xs.sock</c>), <c>host-K-dom0</c> (xend,
    /// xm), <c>host-K-driver</c> (pciback in driver domain 1) and <paramref name="guests"/> <c>host-K-guest-J</c>
    /// (one domain each). The first two nodes are seeds.
    /// </summary>
    public LocalClusterState UpSplit(int hosts, int guests, string dllPath, string? configFile, string? inventory = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hosts);
        ArgumentOutOfRangeException.ThrowIfNegative(guests);
        var plan = new List<NodePlan>();
        for (var h = 1; h <= hosts; h++)
        {
            var host = $"host-{h}";
            plan.Add(new NodePlan(host + "-xen", [SplitHost.SplitHostRoles.Xen, SplitHost.SplitHostRoles.Of(SplitHost.SplitHostRoles.Xen, host)], Path.Combine(Directory, host + "-xen.xs.sock"), host, 0));
            plan.Add(new NodePlan(host + "-dom0", [SplitHost.SplitHostRoles.Dom0, SplitHost.SplitHostRoles.Of(SplitHost.SplitHostRoles.Dom0, host)], null, host, guests));
            plan.Add(new NodePlan(host + "-driver", [SplitHost.SplitHostRoles.Driver, SplitHost.SplitHostRoles.Of(SplitHost.SplitHostRoles.Driver, host)], null, host, 0));
            for (var g = 1; g <= guests; g++)
                plan.Add(new NodePlan($"{host}-guest-{g}", [SplitHost.SplitHostRoles.Guest, SplitHost.SplitHostRoles.Of(SplitHost.SplitHostRoles.Guest, host)], null, host, 0));
        }
        return Start(plan, dllPath, configFile, inventory);
    }

    /// <summary>One node to start: name, roles, xenstored socket (xen parts), the split host it belongs to.</summary>
    private sealed record NodePlan(string Name, List<string> Roles, string? Socket, string? XenHost, int Guests);

    private LocalClusterState Start(List<NodePlan> plan, string dllPath, string? configFile, string? inventory)
    {
        var existing = LocalClusterState.Read(Directory);
        if (existing is not null && existing.Nodes.Any(n => ProcessTools.IsAlive(n.Pid, n.StartedAt)))
        {
            throw new InvalidOperationException($"a cluster is already running from {LocalClusterState.PathIn(Directory)}; run 'xenactors cluster down' first");
        }
        System.IO.Directory.CreateDirectory(Directory);
        var ports = ProcessTools.FreePorts(plan.Count);
        var seeds = string.Join(",", ports.Take(Math.Min(2, plan.Count)).Select(p => $"127.0.0.1:{p}"));
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var nodes = new List<LocalNodeState>();
        var state = new LocalClusterState { Secret = secret, CreatedAt = DateTimeOffset.UtcNow, Nodes = nodes };
        for (var i = 0; i < plan.Count; i++)
        {
            var (name, roles, socket, xenHost, guests) = plan[i];
            var log = Path.Combine(Directory, name + ".log");
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            // exec keeps the pid: the one we record is the node itself, and its output goes to its log file.
            foreach (var arg in new[] { "-c", "exec \"$@\" >>\"$XENACTORS_LOG\" 2>&1", "sh", "dotnet", dllPath, "node",
                         "--name", name, "--port", ports[i].ToString(CultureInfo.InvariantCulture), "--seeds", seeds, "--roles", string.Join(",", roles) })
            {
                start.ArgumentList.Add(arg);
            }
            if (socket is not null)
            {
                start.ArgumentList.Add("--xenstore-socket");
                start.ArgumentList.Add(socket);
            }
            if (xenHost is not null)
            {
                start.ArgumentList.Add("--xen-host");
                start.ArgumentList.Add(xenHost);
                start.Environment["xenactors__xen__guests"] = guests.ToString(CultureInfo.InvariantCulture);
            }
            if ((socket is not null || xenHost is not null) && inventory is not null)
            {
                start.ArgumentList.Add("--inventory");
                start.ArgumentList.Add(Path.GetFullPath(inventory));
            }
            if (configFile is not null)
            {
                start.ArgumentList.Add("--config");
                start.ArgumentList.Add(Path.GetFullPath(configFile));
            }
            else
            {
                foreach (var (key, value) in LocalTimings) start.Environment[key] = value;
            }
            foreach (var (key, value) in NodeEnvironment) start.Environment[key] = value;
            start.Environment["XENACTORS_LOG"] = log;
            start.Environment["xenactors__remote__secret"] = secret;
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
            nodes.Add(new LocalNodeState
            {
                Name = name,
                Host = "127.0.0.1",
                Port = ports[i],
                Address = $"xen://{state.SystemName}@127.0.0.1:{ports[i]}",
                Roles = roles,
                Pid = process.Id,
                StartedAt = process.StartTime.ToUniversalTime(),
                LogFile = log,
                XenstoreSocket = socket,
                XenHost = xenHost,
            });
            progress.WriteLine($"started {name} (pid {process.Id}) on 127.0.0.1:{ports[i]}");
        }
        state.Write(Directory);
        return state;
    }

    /// <summary>Polls the nodes until <paramref name="count"/> members are Up; returns the last view (or null).</summary>
    /// <summary>
    /// Why a node that is no longer running stopped, from the end of its log: the last line that reports an error,
    /// else its last line; "see LOG" when the log says nothing.
    /// </summary>
    public static string ExitReason(LocalNodeState node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(node.LogFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"see {node.LogFile}";
        }
        var error = Array.FindLast(lines, l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? lines.LastOrDefault();
        return error ?? $"see {node.LogFile}";
    }

    public static async Task<ClusterStateSnapshot?> AwaitUpAsync(LocalClusterState state, int count, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var client = new ClusterClient(state.Secret);
        var deadline = DateTime.UtcNow + timeout;
        ClusterStateSnapshot? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.QueryAnyAsync(state.Nodes.Select(n => n.Address), TimeSpan.FromSeconds(2)).ConfigureAwait(false) ?? last;
            if (last is not null && last.Members.Length == count && last.Members.All(m => m.Status == "Up")) return last;
            if (state.Nodes.All(n => !ProcessTools.IsAlive(n.Pid))) return last;
            await Task.Delay(250).ConfigureAwait(false);
        }
        return last;
    }

    /// <summary>
    /// Polls every node that serves xm (a whole host, or a split host's dom0) until its gateway answers: a split
    /// dom0 is Up before it has found its peers and created the driver domain. Returns the nodes still not serving.
    /// </summary>
    public static async Task<IReadOnlyList<LocalNodeState>> AwaitXmReadyAsync(LocalClusterState state, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pending = state.Nodes.Where(XenHost.XmHostLocator.ServesXm).ToList();
        if (pending.Count == 0) return [];
        using var client = new ClusterClient(state.Secret);
        var deadline = DateTime.UtcNow + timeout;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var node in pending.ToList())
            {
                if (await client.IdentifyAsync($"{node.Address}/user/{XenHost.XmGateway.Name}", TimeSpan.FromSeconds(1)).ConfigureAwait(false)) pending.Remove(node);
            }
            if (pending.Count > 0) await Task.Delay(250).ConfigureAwait(false);
        }
        return pending;
    }

    /// <summary>One row per node of the state file, merged with the live view of whichever node answers.</summary>
    public static async Task<IReadOnlyList<MemberStatusRow>> StatusAsync(LocalClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var client = new ClusterClient(state.Secret);
        var alive = state.Nodes.Where(n => ProcessTools.IsAlive(n.Pid, n.StartedAt)).Select(n => n.Address).ToList();
        var view = await client.QueryAnyAsync(alive, TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        return [.. state.Nodes.Select(n =>
        {
            var running = alive.Contains(n.Address);
            var member = view?.Members.FirstOrDefault(m => m.Address == n.Address);
            return new MemberStatusRow(n.Name, n.Address, member?.Roles ?? [.. n.Roles],
                member?.Status ?? (running ? "Joining" : "Removed"),
                member?.Reachable ?? running, running ? n.Pid : null, n.XenstoreSocket, n.XenHost);
        })];
    }

    /// <summary>Asks every member to leave, waits for the processes to exit, kills what is left, frees the directory.</summary>
    public async Task<int> DownAsync(LocalClusterState state, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(state);
        var alive = state.Nodes.Where(n => ProcessTools.IsAlive(n.Pid, n.StartedAt)).ToList();
        if (alive.Count > 0)
        {
            using var client = new ClusterClient(state.Secret);
            var view = await client.QueryAnyAsync(alive.Select(n => n.Address), TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            var via = view?.SelfAddress;
            if (via is not null)
            {
                foreach (var node in alive) client.Leave(via, node.Address);
                progress.WriteLine($"asked {alive.Count} node(s) to leave the cluster");
            }
            else
            {
                // Nobody answers: fall back to SIGTERM, which also leaves gracefully where it still can.
                foreach (var node in alive) ProcessTools.Terminate(node.Pid);
            }
            var deadline = DateTime.UtcNow + grace;
            while (DateTime.UtcNow < deadline && alive.Any(n => ProcessTools.IsAlive(n.Pid, n.StartedAt))) await Task.Delay(200).ConfigureAwait(false);
        }
        var killed = 0;
        foreach (var node in state.Nodes.Where(n => ProcessTools.IsAlive(n.Pid, n.StartedAt)))
        {
            progress.WriteLine($"{node.Name} (pid {node.Pid}) did not exit in time: killing it");
            ProcessTools.Kill(node.Pid);
            killed++;
        }
        // A killed host could not remove its socket: nothing may stay behind that a later xenstore tool connects to.
        foreach (var node in state.Nodes)
        {
            if (node.XenstoreSocket is { } socket && File.Exists(socket)) File.Delete(socket);
        }
        File.Delete(LocalClusterState.PathIn(Directory));
        return killed;
    }
}
