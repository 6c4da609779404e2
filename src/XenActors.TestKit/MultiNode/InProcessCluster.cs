using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Cluster;
using XenActors.Configuration;
using XenActors.Event;
using XenActors.Remote.Faults;
using Xunit.Abstractions;

namespace XenActors.TestKit.MultiNode;

/// <summary>
/// Several cluster nodes in one process, each an ActorSystem with remoting on its own loopback TCP port: the
/// fast variant of the multi-node harness (real sockets, real handshakes, real failure detection, no process
/// start-up cost). Faults are injected through each node's transport; <see cref="Kill"/> drops a node the way a
/// crash does. Dispose terminates every node.
/// </summary>
public sealed class InProcessCluster : IDisposable
{
    private readonly List<InProcessNode> _nodes = [];
    private readonly ITestOutputHelper? _output;
    private readonly Func<int, ClusterSettings> _settings;
    private readonly string _systemName;
    private readonly string _secret = "in-process-" + Guid.NewGuid().ToString("N");
    private IReadOnlyList<Address> _seeds = [];

    public InProcessCluster(ITestOutputHelper? output = null, Func<int, ClusterSettings>? settings = null, string systemName = "cluster")
    {
        _output = output;
        _settings = settings ?? (_ => FastClusterSettings.Cluster());
        _systemName = systemName;
    }

    public IReadOnlyList<InProcessNode> Nodes => _nodes;

    public InProcessNode this[int index] => _nodes[index];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Starts <paramref name="count"/> nodes; the first <paramref name="seedCount"/> are the seeds every node joins through.</summary>
    public IReadOnlyList<InProcessNode> Start(int count, int seedCount = 2)
    {
        var started = Enumerable.Range(0, count).Select(_ => StartNode(port: 0)).ToList();
        _seeds = [.. started.Take(Math.Max(1, seedCount)).Select(n => n.Address)];
        foreach (var node in started) node.Cluster.JoinSeedNodes(_seeds);
        return started;
    }

    /// <summary>Starts one more node (on <paramref name="port"/>, 0 for any) and joins it through the seeds.</summary>
    public InProcessNode StartNode(int port, bool join = false)
    {
        var index = _nodes.Count;
        var system = ActorSystem.Create(_systemName, new ActorSystemSetup());
        if (_output is not null)
        {
            system.EventStream.Subscribe<LogEvent>(e =>
            {
                if (e.Level < LogLevel.Information) return;
                try { _output.WriteLine($"node{index}: {e}"); } catch (InvalidOperationException) { }
            });
        }
        var cluster = XenActors.Cluster.Cluster.Start(system, _settings(index), FastClusterSettings.Remote(_secret, port));
        var node = new InProcessNode(index, system, cluster);
        _nodes.Add(node);
        if (join) cluster.JoinSeedNodes(_seeds);
        return node;
    }

    /// <summary>Waits until every running node sees exactly <paramref name="count"/> members, all Up.</summary>
    public void AwaitMembersUp(int count, IEnumerable<InProcessNode>? on = null, TimeSpan? timeout = null) =>
        AwaitCondition(() => (on ?? Running).All(n => n.Cluster.State.Members.Count == count && n.Cluster.State.Members.All(m => m.Status == MemberStatus.Up)),
            timeout, $"{count} members Up on every node");

    public IEnumerable<InProcessNode> Running => _nodes.Where(n => n.IsRunning);

    public void AwaitCondition(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var views = string.Join("\n", Running.Select(n => $"  {n}: {string.Join(", ", n.Cluster.State.Members.Select(m => $"{m.Address.Port}:{m.Status}"))} unreachable [{string.Join(",", n.Cluster.State.Unreachable.Select(m => m.Address.Port))}]"));
                throw new TimeoutException($"timed out waiting for {what ?? "condition"}; views:\n{views}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Cuts <paramref name="side"/> off from every other node, both ways (both ends drop, as a real partition does).</summary>
    public void Partition(IReadOnlyCollection<InProcessNode> side)
    {
        ArgumentNullException.ThrowIfNull(side);
        foreach (var inside in side)
        {
            foreach (var outside in _nodes.Except(side))
            {
                inside.Remote.Faults.Blackhole(outside.Address, Direction.Both);
                outside.Remote.Faults.Blackhole(inside.Address, Direction.Both);
            }
        }
    }

    public void Heal()
    {
        foreach (var node in _nodes) node.Remote.Faults.ClearAll();
    }

    /// <summary>Drops the node like a crash: connections vanish without a goodbye, then its system stops.</summary>
    public void Kill(InProcessNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Remote.AbortAsync().Wait(TimeSpan.FromSeconds(10));
        node.System.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node.Remote.AbortAsync().Wait(TimeSpan.FromSeconds(5));
        foreach (var node in _nodes) node.System.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
