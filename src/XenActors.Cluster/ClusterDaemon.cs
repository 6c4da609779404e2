using XenActors.Actor;
using XenActors.Cluster.Events;
using XenActors.Cluster.FailureDetection;
using XenActors.Cluster.Protocol;
using XenActors.Event;
using XenActors.Remote;

namespace XenActors.Cluster;

/// <summary>
/// The cluster's one actor per node (<c>/system/cluster</c>): joins through seeds, gossips membership, heartbeats
/// and runs the failure detector, and (when it is the leader) moves members along and runs the downing strategy.
///
/// Membership converges by full-state push gossip: every gossip interval each node sends its whole state to
/// every other member. Clusters here are a handful to a few dozen processes on one machine, so N² small
/// messages per second cost little, and since the state is a join-semilattice (see <see cref="Gossip"/>) one
/// round after the last change every node holds the same state, with no vector clocks to get wrong. Status
/// moves that need agreement (Joining→Up, Leaving→Exiting, →Removed) are made only by the leader, and only
/// once every reachable member has reported the leader's exact state digest (Akka's convergence).
/// </summary>
internal sealed partial class ClusterDaemon : ReceiveActor
{
    private readonly Cluster _cluster;
    private readonly ClusterSettings _settings;
    private readonly Remoting _remoting;
    private readonly UniqueAddress _self;
    private readonly ILoggingAdapter _log;
    private readonly Dictionary<UniqueAddress, string> _seen = [];
    private readonly Dictionary<UniqueAddress, PhiAccrualFailureDetector> _detectors = [];
    private readonly Dictionary<Address, IActorRef> _daemons = [];
    private Gossip _gossip = Gossip.Empty;
    private bool _joined;
    private bool _shutdownStarted;
    private Address? _leader;

    public ClusterDaemon(Cluster cluster)
    {
        _cluster = cluster;
        _settings = cluster.Settings;
        _remoting = cluster.Remoting;
        _self = cluster.SelfUniqueAddress;
        _log = Context.GetLogger();

        Receive<GossipTick>(_ => OnGossipTick());
        Receive<HeartbeatTick>(_ => OnHeartbeatTick());
        Receive<LeaderTick>(_ => OnLeaderTick());
        Receive<JoinTick>(_ => OnJoinTick());
        Receive<Heartbeat>(OnHeartbeat);
        Receive<GossipEnvelope>(OnGossip);
        Receive<InitJoin>(OnInitJoin);
        Receive<InitJoinAck>(OnInitJoinAck);
        Receive<InitJoinNack>(_ => { });
        Receive<Join>(OnJoin);
        Receive<Welcome>(OnWelcome);
        Receive<JoinSeedNodes>(OnJoinSeedNodes);
        Receive<ClusterUserAction.Leave>(m => OnUserAction(m.Address, MemberStatus.Leaving));
        Receive<ClusterUserAction.Down>(m => OnUserAction(m.Address, MemberStatus.Down));
        Receive<ClusterUserAction.GetState>(_ => Sender.Tell(Snapshot(), Self));
        Receive<SubscribeCommand>(OnSubscribe);
    }

    internal sealed record GossipTick
    {
        public static readonly GossipTick Instance = new();
    }

    internal sealed record HeartbeatTick
    {
        public static readonly HeartbeatTick Instance = new();
    }

    internal sealed record LeaderTick
    {
        public static readonly LeaderTick Instance = new();
    }

    internal sealed record JoinTick
    {
        public static readonly JoinTick Instance = new();
    }

    internal sealed record JoinSeedNodes(IReadOnlyList<Address> Seeds);

    internal sealed record SubscribeCommand(IActorRef Subscriber, InitialStateMode Mode, Type[] Types);

    protected override void PreStart()
    {
        var scheduler = Context.System.Scheduler;
        scheduler.ScheduleTellRepeatedly(_settings.GossipInterval, _settings.GossipInterval, Self, GossipTick.Instance, Self);
        scheduler.ScheduleTellRepeatedly(_settings.FailureDetector.HeartbeatInterval, _settings.FailureDetector.HeartbeatInterval, Self, HeartbeatTick.Instance, Self);
        scheduler.ScheduleTellRepeatedly(_settings.LeaderActionsInterval, _settings.LeaderActionsInterval, Self, LeaderTick.Instance, Self);
    }

    private long NowMs => Context.System.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private IActorRef DaemonAt(Address address)
    {
        if (!_daemons.TryGetValue(address, out var daemon))
        {
            daemon = _remoting.Resolve($"{address}/system/cluster");
            _daemons[address] = daemon;
        }
        return daemon;
    }

    private bool IsMember => _joined && _gossip.Members.ContainsKey(_self);

    private Member? SelfMember => _gossip.Members.GetValueOrDefault(_self);

    /// <summary>Adopts <paramref name="next"/>: publishes what changed, quarantines removed nodes, reacts to our own fate.</summary>
    private void Update(Gossip next)
    {
        var old = _gossip;
        if (ReferenceEquals(old, next)) return;
        _gossip = next;
        PublishChanges(old, next);
        _cluster.SetState(CurrentState(), SelfMember, _gossip.Removed.Contains(_self));
        foreach (var gone in next.Removed)
        {
            if (!old.Removed.Contains(gone) && gone != _self)
            {
                _detectors.Remove(gone);
                _seen.Remove(gone);
                _remoting.Quarantine(gone.Address, gone.Uid, "removed from the cluster");
            }
        }
        CheckOwnFate();
    }

    private void CheckOwnFate()
    {
        if (_shutdownStarted || !_joined) return;
        var removed = _gossip.Removed.Contains(_self);
        var status = SelfMember?.Status;
        if (!removed && status is not (MemberStatus.Down or MemberStatus.Exiting)) return;
        _shutdownStarted = true;
        if (status == MemberStatus.Exiting)
        {
            _log.Info($"Exiting: {_self.Address} is leaving the cluster");
            _ = CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
            return;
        }
        _log.Warning(removed ? $"{_self.Address} was removed from the cluster" : $"{_self.Address} was downed");
        if (_settings.RunCoordinatedShutdownWhenDown)
        {
            _ = CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterDowningReason.Instance);
        }
    }
}
