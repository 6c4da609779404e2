using XenActors.Actor;
using XenActors.Cluster.Downing;
using XenActors.Cluster.Events;
using XenActors.Cluster.Protocol;

namespace XenActors.Cluster;

internal sealed partial class ClusterDaemon
{
    private string _unreachableSignature = "";
    private long _stableSinceMs;

    /// <summary>
    /// Akka's leader: the lowest address among reachable members that are Up or Leaving; if there is none, the
    /// lowest reachable member that is not Down (so a lone joining or exiting node can still move itself on).
    /// </summary>
    private Address? ComputeLeader()
    {
        var unreachable = _gossip.Unreachable();
        var candidates = _gossip.Members.Values
            .Where(m => m.Status != MemberStatus.Down && (m.UniqueAddress == _self || !unreachable.Contains(m.UniqueAddress)))
            .OrderBy(m => m.Address)
            .ToList();
        return (candidates.FirstOrDefault(m => m.Status is MemberStatus.Up or MemberStatus.Leaving) ?? candidates.FirstOrDefault())?.Address;
    }

    private void OnLeaderTick()
    {
        if (!IsMember) return;
        var leader = ComputeLeader();
        if (leader != _leader)
        {
            _leader = leader;
            _log.Info($"leader is now {leader?.ToString() ?? "none"}");
            Context.System.EventStream.Publish(new LeaderChanged(leader));
            _cluster.SetState(CurrentState(), SelfMember, false);
        }
        TrackStability();
        if (leader != _self.Address) return;
        if (Converged()) LeaderActions();
        RunDowning();
    }

    /// <summary>
    /// Every reachable member has reported exactly our state, and every unreachable member is Down or Exiting
    /// (Akka's convergence). Downed members need not agree: they are on their way out.
    /// </summary>
    private bool Converged()
    {
        var unreachable = _gossip.Unreachable();
        var digest = _gossip.Digest;
        foreach (var member in _gossip.Members.Values)
        {
            if (unreachable.Contains(member.UniqueAddress))
            {
                if (member.Status is not (MemberStatus.Down or MemberStatus.Exiting)) return false;
                continue;
            }
            if (member.UniqueAddress == _self || member.Status == MemberStatus.Down) continue;
            if (!_seen.TryGetValue(member.UniqueAddress, out var seen) || seen != digest) return false;
        }
        return true;
    }

    private void LeaderActions()
    {
        var next = _gossip;
        var upNumber = _gossip.Members.Values.Select(m => m.UpNumber).DefaultIfEmpty(0).Max();
        var removed = new List<Member>();
        foreach (var member in _gossip.Members.Values.OrderBy(m => m.Address))
        {
            switch (member.Status)
            {
                case MemberStatus.Joining or MemberStatus.WeaklyUp:
                    next = next.WithStatus(member.UniqueAddress, MemberStatus.Up, ++upNumber);
                    _log.Info($"Leader is moving node [{member.Address}] to [Up]");
                    break;
                case MemberStatus.Leaving:
                    next = next.WithStatus(member.UniqueAddress, MemberStatus.Exiting);
                    _log.Info($"Leader is moving node [{member.Address}] to [Exiting]");
                    break;
                case MemberStatus.Exiting or MemberStatus.Down:
                    next = next.WithStatus(member.UniqueAddress, MemberStatus.Removed);
                    removed.Add(member);
                    _log.Info($"Leader is removing {(member.Status == MemberStatus.Down ? "downed" : "exiting")} node [{member.Address}]");
                    break;
            }
        }
        Update(next);
        SendGossip();
        // Removed nodes are no longer gossiped to; tell them once so they know.
        var last = new GossipEnvelope(GossipCodec.ToDto(_self), GossipCodec.ToDto(_gossip), _gossip.Digest);
        foreach (var gone in removed.Where(m => m.UniqueAddress != _self)) DaemonAt(gone.Address).Tell(last, Self);
    }

    private List<UniqueAddress> CountedUnreachable()
    {
        var unreachable = _gossip.Unreachable();
        return [.. _gossip.Members.Values
            .Where(m => unreachable.Contains(m.UniqueAddress) && m.Status is not (MemberStatus.Down or MemberStatus.Exiting))
            .Select(m => m.UniqueAddress)
            .Order()];
    }

    private void TrackStability()
    {
        var signature = string.Join(",", CountedUnreachable());
        if (signature == _unreachableSignature) return;
        _unreachableSignature = signature;
        _stableSinceMs = NowMs;
    }

    /// <summary>Once the unreachable set has been stable for stable-after, the leader of this side applies the strategy.</summary>
    private void RunDowning()
    {
        if (_unreachableSignature.Length == 0 || _settings.Downing.Strategy == DowningSettings.Off) return;
        if (NowMs - _stableSinceMs < (long)_settings.Downing.StableAfter.TotalMilliseconds) return;
        var unreachable = CountedUnreachable().ToHashSet();
        var counted = _gossip.Members.Values.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Exiting)).Select(m => m.UniqueAddress).ToList();
        var toDown = SplitBrainResolver.Decide(_settings.Downing, counted, unreachable, out var reason);
        if (toDown.Count == 0) return;
        _log.Warning($"SBR ({reason}) is downing [{string.Join(", ", toDown.Select(n => n.Address))}]");
        var next = _gossip;
        foreach (var node in toDown) next = next.WithStatus(node, MemberStatus.Down);
        Update(next);
        SendGossip();
    }

    private CurrentClusterState CurrentState()
    {
        var unreachable = _gossip.Unreachable();
        return new CurrentClusterState(
            [.. _gossip.Members.Values.OrderBy(m => m.Address)],
            _gossip.Members.Values.Where(m => unreachable.Contains(m.UniqueAddress)).ToHashSet(),
            _leader);
    }

    private ClusterStateSnapshot Snapshot()
    {
        var unreachable = _gossip.Unreachable();
        return new ClusterStateSnapshot(
            _self.Address.ToString(),
            _leader?.ToString(),
            [.. _gossip.Members.Values.OrderBy(m => m.Address).Select(m => new MemberRow(
                m.Address.ToString(), m.UniqueAddress.Uid, m.Status.ToString(), [.. m.Roles], !unreachable.Contains(m.UniqueAddress), m.UpNumber))],
            Environment.ProcessId);
    }
}
