using System.Diagnostics;
using System.Globalization;
using XenActors.Actor;
using XenActors.Cluster.Control;
using XenActors.Cluster.Protocol;
using XenActors.Configuration;
using XenActors.Remote;
using Xunit.Abstractions;

namespace XenActors.TestKit.MultiNode;

/// <summary>
/// Starts real node processes (<c>dotnet xenactors.dll node ...</c>) from a test and acts on them: queries their
/// cluster view, runs commands on a chosen node through its control actor (faults, pings), enters barriers, and
/// kills processes. Every process it started is killed (by pid) in Dispose; ports die with them.
/// </summary>
public sealed class NodeProcessHarness : IDisposable
{
    private static readonly Dictionary<string, string> FastTimings = new()
    {
        ["xenactors__remote__heartbeatInterval"] = "00:00:00.200",
        ["xenactors__remote__watchUnreachableAfter"] = "00:00:03",
        ["xenactors__cluster__seedNodeTimeout"] = "00:00:01",
        ["xenactors__cluster__gossipInterval"] = "00:00:00.200",
        ["xenactors__cluster__leaderActionsInterval"] = "00:00:00.200",
        ["xenactors__cluster__failureDetector__heartbeatInterval"] = "00:00:00.200",
        ["xenactors__cluster__failureDetector__acceptableHeartbeatPause"] = "00:00:01.500",
        ["xenactors__cluster__downing__stableAfter"] = "00:00:02",
    };

    private readonly string _dll;
    private readonly ITestOutputHelper? _output;
    private readonly List<NodeProcess> _nodes = [];
    private readonly ActorSystem _conductor;
    private readonly Remoting _remoting;

    public NodeProcessHarness(string xenactorsDll, ITestOutputHelper? output = null, string systemName = "xenactors")
    {
        if (!File.Exists(xenactorsDll)) throw new FileNotFoundException($"xenactors.dll not found at {xenactorsDll}; build src/XenActors.Cli first", xenactorsDll);
        _dll = xenactorsDll;
        _output = output;
        SystemName = systemName;
        Secret = "harness-" + Guid.NewGuid().ToString("N");
        _conductor = ActorSystem.Create("conductor", new ActorSystemSetup());
        _remoting = Remoting.Start(_conductor, new RemoteSettings { Port = 0, Secret = Secret, HandshakeTimeout = TimeSpan.FromSeconds(5) });
        ClusterSerializationAccess.Register(_remoting.Serialization);
    }

    public string SystemName { get; }
    public string Secret { get; }
    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>The xenactors.dll next to a test assembly's build output (artifacts layout: bin/Project/config/).</summary>
    public static string LocateXenactorsDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(dir.Parent!.Parent!.FullName, "XenActors.Cli", dir.Name, "xenactors.dll");
    }

    /// <summary>Starts a node process; <paramref name="secret"/> overrides the harness's shared secret (to test refusal).</summary>
    public NodeProcess StartNode(string name, int port, IEnumerable<int> seedPorts, string roles = "domU", string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(seedPorts);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { _dll, "node", "--name", name, "--port", port.ToString(CultureInfo.InvariantCulture), "--roles", roles,
                     "--seeds", string.Join(",", seedPorts.Select(p => $"127.0.0.1:{p}")) })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in FastTimings) start.Environment[key] = value;
        start.Environment["xenactors__remote__secret"] = secret ?? Secret;
        start.Environment["xenactors__node__systemName"] = SystemName;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start node {name}");
        var node = new NodeProcess(name, port, $"xen://{SystemName}@127.0.0.1:{port}", process);
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null) return;
            node.Lines.Enqueue(e.Data);
            try { _output?.WriteLine($"{name}: {e.Data}"); } catch (InvalidOperationException) { }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _nodes.Add(node);
        return node;
    }

    private IActorRef Daemon(NodeProcess node) => _remoting.Resolve($"{node.Address}/system/cluster");

    private IActorRef Control(NodeProcess node) => _remoting.Resolve($"{node.Address}/user/{NodeControl.Name}");

    /// <summary>The node's view of the cluster, or null if it does not answer in time.</summary>
    public async Task<ClusterStateSnapshot?> StateAsync(NodeProcess node, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            return await Daemon(node).Ask<ClusterStateSnapshot>(new ClusterUserAction.GetState(), timeout ?? TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Waits until each of <paramref name="on"/> sees exactly <paramref name="count"/> members, all Up.</summary>
    public Task AwaitMembersUpAsync(int count, IEnumerable<NodeProcess> on, TimeSpan timeout) =>
        AwaitAsync(async () =>
        {
            foreach (var node in on)
            {
                var state = await StateAsync(node).ConfigureAwait(false);
                if (state is null || state.Members.Length != count || state.Members.Any(m => m.Status != "Up")) return false;
            }
            return true;
        }, timeout, $"{count} members Up");

    public static async Task AwaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a command on <paramref name="node"/> through its control actor and returns the reply.</summary>
    public Task<T> AskAsync<T>(NodeProcess node, object command, TimeSpan? timeout = null) =>
        Control(node).Ask<T>(command, timeout ?? TimeSpan.FromSeconds(10));

    /// <summary>Tells <paramref name="node"/>'s control actor <paramref name="command"/> with <paramref name="sender"/> as sender.</summary>
    public void Tell(NodeProcess node, object command, IActorRef? sender) => Control(node).Tell(command, sender);

    /// <summary>The conductor's actor system (in the test process), for probes that receive replies from nodes.</summary>
    public ActorSystem Conductor => _conductor;

    /// <summary>Switches a transport fault on <paramref name="on"/> towards <paramref name="peer"/> (blackhole, sever, ...).</summary>
    public async Task FaultAsync(NodeProcess on, string kind, NodeProcess peer, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var reply = await AskAsync<ControlMessages.FaultApplied>(on, new ControlMessages.Fault(kind, peer.Address, value)).ConfigureAwait(false);
        if (reply.Error is not null) throw new InvalidOperationException($"fault {kind} on {on.Name} refused: {reply.Error}");
    }

    /// <summary>Every node of <paramref name="nodes"/> answers the barrier <paramref name="name"/> (the conductor's barrier).</summary>
    public async Task EnterBarrierAsync(string name, IEnumerable<NodeProcess> nodes, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var replies = await Task.WhenAll(nodes.Select(n => AskAsync<ControlMessages.Pong>(n, new ControlMessages.Ping(name), timeout ?? TimeSpan.FromSeconds(30)))).ConfigureAwait(false);
        if (replies.Any(r => r.Barrier != name)) throw new InvalidOperationException($"barrier {name} answered out of order");
    }

    /// <summary>Kills the process at once (SIGKILL): a crash, as its peers see it.</summary>
    public static void Kill(NodeProcess node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.HasExited) return;
        node.Process.Kill(entireProcessTree: true);
        node.Process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            try { Kill(node); } catch (InvalidOperationException) { }
            node.Process.Dispose();
        }
        _remoting.AbortAsync().Wait(TimeSpan.FromSeconds(5));
        _conductor.Terminate().Wait(TimeSpan.FromSeconds(5));
    }
}
