using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Hosting.Node;
using XenActors.Hosting.XenHost;
using XenActors.Remote;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.SplitHost;

/// <summary>
/// A short-lived remoting endpoint (not a cluster member) that looks into a running split host from outside: it
/// subscribes to the xen node's XenStore write journal (every committed write, in commit order), reaches the
/// hypervisor and XenStore actors there, and sends xm commands to dom0's gateway. For tests and benchmarks.
/// </summary>
public sealed class SplitHostProbe : IDisposable
{
    private readonly ActorSystem _system;
    private readonly Remoting _remoting;

    private SplitHostProbe(string secret)
    {
        _system = ActorSystem.Create("xenactors-probe", new ActorSystemSetup());
        _remoting = Remoting.Start(_system, new RemoteSettings { Hostname = "127.0.0.1", Port = 0, Secret = secret, HandshakeTimeout = TimeSpan.FromSeconds(3) });
        XenActors.Cluster.Protocol.ClusterSerializationAccess.Register(_remoting.Serialization);
        SplitHostSerialization.Register(_remoting.Serialization);
    }

    /// <summary>Every committed XenStore write of the host since the subscription, in commit order.</summary>
    public ConcurrentQueue<XsNodeWritten> Journal { get; } = new();

    public IActorRef Hypervisor { get; private set; } = ActorRefs.Nobody;

    public IActorRef XenStore { get; private set; } = ActorRefs.Nobody;

    /// <summary>dom0's xm gateway.</summary>
    public IActorRef Xm { get; private set; } = ActorRefs.Nobody;

    /// <summary>dom0's placement launcher (answers <see cref="Xen.Host.GuestKernelOf"/> from the guest's own node).</summary>
    public IActorRef Launcher { get; private set; } = ActorRefs.Nobody;

    /// <summary>
    /// Connects to split host <paramref name="host"/> of the local cluster in <paramref name="state"/>; without
    /// <paramref name="journal"/> the xen node does not send the probe every committed write (a benchmark's choice).
    /// </summary>
    public static async Task<SplitHostProbe> ConnectAsync(LocalClusterState state, string host, TimeSpan timeout, bool journal = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var xen = state.Nodes.SingleOrDefault(n => n.XenHost == host && n.Roles.Contains(SplitHostRoles.Xen))
            ?? throw new InvalidOperationException($"no xen node of split host {host} in the cluster state");
        var dom0 = state.Nodes.SingleOrDefault(n => n.XenHost == host && n.Roles.Contains(SplitHostRoles.Dom0))
            ?? throw new InvalidOperationException($"no dom0 node of split host {host} in the cluster state");
        var probe = new SplitHostProbe(state.Secret);
        try
        {
            probe.Hypervisor = await probe.IdentifyAsync($"{xen.Address}/user/{SplitHostNode.HypervisorName}", timeout).ConfigureAwait(false);
            probe.XenStore = await probe.IdentifyAsync($"{xen.Address}/user/{SplitHostNode.XenStoreName}", timeout).ConfigureAwait(false);
            probe.Xm = await probe.IdentifyAsync($"{dom0.Address}/user/{XmGateway.Name}", timeout).ConfigureAwait(false);
            probe.Launcher = await probe.IdentifyAsync($"{dom0.Address}/user/{GuestPlacement.Name}", timeout).ConfigureAwait(false);
            if (!journal) return probe;
            var writes = await probe.IdentifyAsync($"{xen.Address}/user/{XsJournal.Name}", timeout).ConfigureAwait(false);
            var queue = probe.Journal;
            var collector = probe._system.ActorOf(Props.Create(() => new JournalCollector(queue)), "journal");
            await writes.Ask<XsJournalSubscribed>(new XsJournalSubscribe(collector), timeout).ConfigureAwait(false);
            return probe;
        }
        catch
        {
            probe.Dispose();
            throw;
        }
    }

    /// <summary>The actor at <paramref name="path"/> once it answers Identify; throws after <paramref name="timeout"/>.</summary>
    public async Task<IActorRef> IdentifyAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if ((await _remoting.Resolve(path).Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(1)).ConfigureAwait(false)).Subject is { } found) return found;
            }
            catch (AskTimeoutException)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path} did not answer Identify in {timeout.TotalSeconds:0} s");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>The actor at <paramref name="path"/>, or null if nothing answers there (one Identify).</summary>
    public async Task<IActorRef?> IdentifyOrNullAsync(string path)
    {
        try
        {
            return (await _remoting.Resolve(path).Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(3)).ConfigureAwait(false)).Subject;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    public Task<XmResult> XmAsync(object command, TimeSpan? timeout = null) => Xm.Ask<XmResult>(command, timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>Every node at or below <paramref name="root"/> (XS list), in tree order.</summary>
    public async Task<IReadOnlyList<XsListingEntry>> ListAsync(string root) =>
        (await XenStore.Ask<XsListing>(new XsList(root), TimeSpan.FromSeconds(10)).ConfigureAwait(false)).Entries;

    public void Dispose()
    {
        _remoting.AbortAsync().Wait(TimeSpan.FromSeconds(5));
        _system.Terminate().Wait(TimeSpan.FromSeconds(5));
    }

    private sealed class JournalCollector : ReceiveActor
    {
        public JournalCollector(ConcurrentQueue<XsNodeWritten> queue) => Receive<XsNodeWritten>(queue.Enqueue);
    }
}
