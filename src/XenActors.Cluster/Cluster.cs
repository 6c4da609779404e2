using XenActors.Actor;
using XenActors.Cluster.Events;
using XenActors.Cluster.Protocol;
using XenActors.Remote;

namespace XenActors.Cluster;

/// <summary>
/// The cluster extension of one actor system (Akka's Cluster): <c>Cluster.Get(system)</c> starts remoting and the
/// cluster daemon, joins the configured seeds, and leaves gracefully when CoordinatedShutdown runs.
/// </summary>
public sealed class Cluster
{
    private readonly ActorSystem _system;
    private readonly IActorRef _daemon;
    private readonly Lock _gate = new();
    private readonly List<(Func<CurrentClusterState, Member?, bool, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private volatile CurrentClusterState _state = CurrentClusterState.Empty;
    private volatile Member? _selfMember;
    private volatile bool _selfRemoved;

    private Cluster(ActorSystem system, ClusterSettings settings, RemoteSettings? remoteSettings)
    {
        _system = system;
        Settings = settings;
        Remoting = Remoting.Start(system, remoteSettings);
        ClusterSerialization.Register(Remoting.Serialization);
        SelfUniqueAddress = new UniqueAddress(Remoting.Address, Remoting.Uid);
        _daemon = ((ActorSystemImpl)system).SystemActorOf(Props.Create(() => new ClusterDaemon(this)), "cluster");
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave", LeaveOnShutdownAsync);
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterExiting, "wait-removed", WaitRemovedOnShutdownAsync);
        var seeds = new List<Address>();
        foreach (var seed in settings.SeedNodes)
        {
            if (SeedAddress.TryParse(seed, system.Name, out var address, out _)) seeds.Add(address);
        }
        if (seeds.Count > 0) JoinSeedNodes(seeds);
    }

    /// <summary>The cluster of <paramref name="system"/>, started with settings from its configuration on first use.</summary>
    public static Cluster Get(ActorSystem system) => Start(system, null, null);

    /// <summary>Starts the cluster with explicit settings (tests, hosts); later calls return the same instance.</summary>
    public static Cluster Start(ActorSystem system, ClusterSettings? settings, RemoteSettings? remoteSettings)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(s =>
        {
            var resolved = settings ?? ClusterSettings.From(s.Configuration);
            resolved.Validate();
            return new Cluster(s, resolved, remoteSettings);
        });
    }

    public ClusterSettings Settings { get; }
    public Remoting Remoting { get; }
    public Address SelfAddress => SelfUniqueAddress.Address;
    public UniqueAddress SelfUniqueAddress { get; }
    public IReadOnlyList<string> SelfRoles => Settings.Roles;

    /// <summary>This node's view of the cluster, updated as gossip arrives.</summary>
    public CurrentClusterState State => _state;

    /// <summary>This node as a member, or null before it joined (or after it was removed).</summary>
    public Member? SelfMember => _selfMember;

    public bool IsTerminated => _selfRemoved || _system.WhenTerminated.IsCompleted;

    /// <summary>The daemon, for messages from other processes (<see cref="ClusterUserAction"/>).</summary>
    public IActorRef Daemon => _daemon;

    public void JoinSeedNodes(IReadOnlyList<Address> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _daemon.Tell(new ClusterDaemon.JoinSeedNodes([.. seeds]), null);
    }

    /// <summary>Joins the cluster <paramref name="address"/> belongs to (or forms one, if it is this node).</summary>
    public void Join(Address address) => JoinSeedNodes([address]);

    /// <summary>Asks the cluster to let <paramref name="address"/> leave gracefully (Leaving → Exiting → Removed).</summary>
    public void Leave(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _daemon.Tell(new ClusterUserAction.Leave(address.ToString()), null);
    }

    /// <summary>Leaves and completes when this node is removed (or the system terminated).</summary>
    public Task LeaveAsync()
    {
        Leave(SelfAddress);
        return WhenAsync((_, self, removed) => removed || self is null && _selfMember is null && _state.Members.Count == 0 || IsTerminated);
    }

    public void Down(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _daemon.Tell(new ClusterUserAction.Down(address.ToString()), null);
    }

    /// <summary>
    /// Subscribes <paramref name="subscriber"/> to cluster events of <paramref name="types"/> (e.g. typeof(MemberUp),
    /// or typeof(IClusterDomainEvent) for all). It first gets the current state as one snapshot (the default) or as events.
    /// </summary>
    public void Subscribe(IActorRef subscriber, InitialStateMode mode, params Type[] types)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(types);
        if (types.Length == 0) throw new ArgumentException("subscribe to at least one event type", nameof(types));
        foreach (var type in types)
        {
            if (!typeof(IClusterDomainEvent).IsAssignableFrom(type)) throw new ArgumentException($"{type.Name} is not a cluster event", nameof(types));
        }
        _daemon.Tell(new ClusterDaemon.SubscribeCommand(subscriber, mode, types), null);
    }

    public void Subscribe(IActorRef subscriber, params Type[] types) => Subscribe(subscriber, InitialStateMode.InitialStateAsSnapshot, types);

    public void Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        _system.EventStream.Unsubscribe(subscriber);
    }

    /// <summary>Runs <paramref name="callback"/> once this node is Up (at once if it already is).</summary>
    public void RegisterOnMemberUp(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _ = WhenAsync((_, self, _) => self?.Status is >= MemberStatus.Up and < MemberStatus.Down).ContinueWith(_ => callback(), TaskScheduler.Default);
    }

    /// <summary>Runs <paramref name="callback"/> once this node is removed from the cluster (or its system terminates).</summary>
    public void RegisterOnMemberRemoved(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _ = Task.WhenAny(WhenAsync((_, _, removed) => removed), _system.WhenTerminated).ContinueWith(_ => callback(), TaskScheduler.Default);
    }

    /// <summary>Completes when the condition over (state, self member, self removed) holds.</summary>
    internal Task WhenAsync(Func<CurrentClusterState, Member?, bool, bool> condition)
    {
        lock (_gate)
        {
            if (condition(_state, _selfMember, _selfRemoved)) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task;
        }
    }

    internal void SetState(CurrentClusterState state, Member? self, bool removed)
    {
        lock (_gate)
        {
            _state = state;
            _selfMember = removed ? null : self;
            _selfRemoved |= removed;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Condition(_state, _selfMember, _selfRemoved)) continue;
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private async Task<Done> LeaveOnShutdownAsync()
    {
        if (_selfMember is not { Status: < MemberStatus.Leaving }) return Done.Instance;
        _system.Log.Info($"leaving the cluster ({SelfAddress}) as part of coordinated shutdown");
        Leave(SelfAddress);
        await WhenAsync((_, self, removed) => removed || self is null || self.Status >= MemberStatus.Exiting).ConfigureAwait(false);
        return Done.Instance;
    }

    /// <summary>After Exiting, wait for the leader's Removed so the others see a clean leave rather than a crash.</summary>
    private async Task<Done> WaitRemovedOnShutdownAsync()
    {
        if (_selfMember is null) return Done.Instance;
        if (_selfMember.Status == MemberStatus.Down) return Done.Instance;
        await WhenAsync((_, self, removed) => removed || self is null).ConfigureAwait(false);
        return Done.Instance;
    }
}
