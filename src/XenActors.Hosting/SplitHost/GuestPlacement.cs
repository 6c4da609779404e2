using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.SplitHost;

/// <summary>
/// dom0's launcher on a split host (<c>/user/launcher</c>, what xend sends the launcher protocol to): each domain
/// goes to a free guest node of the host, whose own <see cref="GuestLauncher"/> runs it, so every guest is its own
/// process. An HVM guest's kernel goes to a guest node and its ioemu to dom0's node (<paramref name="deviceModels"/>),
/// or with a stub domain to a second free guest node. Queries and stops go where the domain runs; a destroyed domain
/// frees its nodes; a guest node that dies has its domain destroyed in the hypervisor, so xend reclaims it like any
/// crashed guest.
/// </summary>
public sealed partial class GuestPlacement : ReceiveActor
{
    public const string Name = "launcher";

    private readonly string _host;
    private readonly HypervisorClient _hv;
    private readonly IActorRef _deviceModels;
    private readonly TimeSpan _timeout;
    private readonly ILogger _log;
    private readonly List<GuestNode> _nodes;
    private readonly Dictionary<int, IActorRef> _deviceModelAt = [];
    private int _reserved;

    public GuestPlacement(string host, IActorRef hypervisor, IActorRef deviceModels, IReadOnlyList<IActorRef> guestLaunchers, TimeSpan timeout, ILogger log)
    {
        _host = host;
        _hv = new HypervisorClient(hypervisor, timeout);
        _deviceModels = deviceModels;
        _timeout = timeout;
        _log = log;
        _nodes = [.. guestLaunchers.Select(l => new GuestNode(l))];
        Receive<ReserveGuestNodes>(Reserve);
        Receive<ReleaseGuestNodes>(_ => _reserved = 0);
        Receive<GuestStarted>(StartPv);
        ReceiveAsync<HvmGuestStarted>(StartHvmAsync);
        Receive<GuestKernelOf>(q => ForwardOrNobody(KernelNode(q.Domid)?.Launcher, q, q.Domid));
        Receive<DeviceModelOf>(q => ForwardOrNobody(_deviceModelAt.GetValueOrDefault(q.Domid), q, q.Domid));
        Receive<StopGuestKernel>(s => KernelNode(s.Domid)?.Launcher.Forward(s));
        Receive<GuestDestroyed>(Destroyed);
        Receive<Terminated>(NodeDied);
        Receive<XenResult>(_ => { }); // answers to the destroys told on a node's death
    }

    public static Props Props(string host, IActorRef hypervisor, IActorRef deviceModels, IReadOnlyList<IActorRef> guestLaunchers, TimeSpan timeout, ILogger log) =>
        Actor.Props.Create(() => new GuestPlacement(host, hypervisor, deviceModels, guestLaunchers, timeout, log));

    protected override void PreStart()
    {
        foreach (var node in _nodes) Context.Watch(node.Launcher);
    }

    private int FreeCount => _nodes.Count(n => n.Domid is null);

    private GuestNode? KernelNode(int domid) => _nodes.FirstOrDefault(n => n.Domid == domid && !n.IsStubDomain);

    private void Reserve(ReserveGuestNodes r)
    {
        var free = FreeCount - _reserved;
        if (free >= r.Count)
        {
            _reserved += r.Count;
            Sender.Tell(new GuestNodesReserved(true, ""));
            return;
        }
        var what = r.Count == 1 ? "free guest node" : $"{r.Count} free guest nodes (the guest and its device model stub domain)";
        var why = _nodes.Count == 0 ? "it has no guest nodes" : free <= 0 ? $"all {_nodes.Count} are running domains" : $"only {free} of {_nodes.Count} is free";
        Sender.Tell(new GuestNodesReserved(false, $"no {what} on {_host}: {why}; start the cluster with more --guests (or xm destroy a domain)"));
    }

    /// <summary>A free node for <paramref name="domid"/>, taken out of the pool (and out of a reservation), or null.</summary>
    private GuestNode? Take(int domid, bool stub)
    {
        var node = _nodes.FirstOrDefault(n => n.Domid is null);
        if (node is null) return null;
        node.Domid = domid;
        node.IsStubDomain = stub;
        _reserved = Math.Max(0, _reserved - 1);
        return node;
    }

    private void StartPv(GuestStarted g)
    {
        var node = Take(g.Domid, stub: false);
        if (node is null)
        {
            // Only reachable if someone bypasses the reservation: a domain without a kernel must not linger.
            _log.LogError("no free guest node on {Host} for domain {Domid} ({Name}): destroying it", _host, g.Domid, g.Name);
            _hv.Ref.Tell(new HvDestroyDomain(g.Domid), Self);
            return;
        }
        _log.LogInformation("domain {Domid} ({Name}) runs on guest node {Address}", g.Domid, g.Name, node.Address);
        node.Launcher.Tell(g, Self);
    }

    private async Task StartHvmAsync(HvmGuestStarted g)
    {
        var replyTo = Sender;
        var kernelNode = Take(g.Domid, stub: false);
        GuestNode? stubNode = null;
        try
        {
            if (kernelNode is null) throw new InvalidOperationException($"no free guest node on {_host} for the kernel of domain {g.Domid}");
            var kernel = await kernelNode.Launcher.Ask<HvmKernelStarted>(new StartHvmKernel(g.Domid), _timeout);
            var at = _deviceModels;
            if (g.DeviceModel.StubDomainId is not null)
            {
                stubNode = Take(g.Domid, stub: true) ?? throw new InvalidOperationException($"no free guest node on {_host} for the device model stub domain of domain {g.Domid}");
                at = stubNode.Launcher;
            }
            var started = await at.Ask<DeviceModelStarted>(new StartDeviceModel(g.Domid, g.DeviceModel, kernel.Kernel), _timeout);
            _deviceModelAt[g.Domid] = at;
            _log.LogInformation("HVM domain {Domid} ({Name}): kernel on {Kernel}, ioemu on {Ioemu}", g.Domid, g.Name, kernelNode.Address, at.Path.Address);
            replyTo.Tell(started, Self);
        }
        catch (Exception ex) when (ex is AskTimeoutException or InvalidOperationException)
        {
            _log.LogError("HVM domain {Domid} ({Name}) could not be placed: {Reason}", g.Domid, g.Name, ex.Message);
            replyTo.Tell(new Status.Failure(ex), Self);
        }
    }

    private void ForwardOrNobody(IActorRef? target, object query, int domid)
    {
        if (target is null) Sender.Tell(new DomainActor(domid, ActorRefs.Nobody));
        else target.Forward(query);
    }

    private void Destroyed(GuestDestroyed d)
    {
        foreach (var node in _nodes.Where(n => n.Domid == d.Domid))
        {
            node.Launcher.Tell(d, Self);
            node.Domid = null;
            node.IsStubDomain = false;
        }
        if (_deviceModelAt.Remove(d.Domid, out var at) && at.Equals(_deviceModels)) _deviceModels.Tell(d, Self);
    }

    private void NodeDied(Terminated t)
    {
        var node = _nodes.FirstOrDefault(n => n.Launcher.Equals(t.ActorRef));
        if (node is null) return;
        _nodes.Remove(node);
        if (node.Domid is not { } domid)
        {
            _log.LogWarning("free guest node {Address} of {Host} is gone; {Count} guest node(s) left", node.Address, _host, _nodes.Count);
            return;
        }
        // Like a guest that crashes: the hypervisor destroys the domain and xend hears of it (VIRQ_DOM_EXC) and reclaims.
        _log.LogWarning("guest node {Address} of {Host} running domain {Domid} is gone: destroying the domain", node.Address, _host, domid);
        _hv.Ref.Tell(new HvDestroyDomain(domid), Self);
    }
}
