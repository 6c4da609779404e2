using XenActors.Actor;
using XenActors.Cluster.Protocol;

namespace XenActors.Cluster;

internal sealed partial class ClusterDaemon
{
    private IReadOnlyList<Address> _seeds = [];
    private bool _ackedSinceStart;

    /// <summary>
    /// Akka's seed procedure: ask every other seed with InitJoin and join the first that acknowledges; the first
    /// seed joins itself if no other seed answers within seed-node-timeout. Retried every seed-node-timeout.
    /// </summary>
    private void OnJoinSeedNodes(JoinSeedNodes command)
    {
        if (_joined) return;
        _seeds = command.Seeds;
        if (_seeds.Count == 0) return;
        if (_seeds.Count == 1 && _seeds[0] == _self.Address)
        {
            JoinSelf();
            return;
        }
        SendInitJoin();
        Context.System.Scheduler.ScheduleTellOnce(_settings.SeedNodeTimeout, Self, JoinTick.Instance, Self);
    }

    private void SendInitJoin()
    {
        _ackedSinceStart = false;
        foreach (var seed in _seeds)
        {
            if (seed != _self.Address) DaemonAt(seed).Tell(new InitJoin(_self.Address.ToString()), Self);
        }
    }

    private void OnJoinTick()
    {
        if (_joined || _seeds.Count == 0) return;
        if (_seeds[0] == _self.Address && !_ackedSinceStart)
        {
            _log.Info($"no other seed answered within {_settings.SeedNodeTimeout.TotalSeconds:0.#} s: the first seed forms the cluster");
            JoinSelf();
            return;
        }
        SendInitJoin();
        Context.System.Scheduler.ScheduleTellOnce(_settings.SeedNodeTimeout, Self, JoinTick.Instance, Self);
    }

    private void JoinSelf()
    {
        _joined = true;
        Update(Gossip.Empty.WithMember(new Member(_self, MemberStatus.Joining, _settings.Roles, 0)));
    }

    private void OnInitJoin(InitJoin message)
    {
        Sender.Tell(IsMember && SelfMember!.Status < MemberStatus.Exiting
            ? new InitJoinAck(_self.Address.ToString())
            : new InitJoinNack(_self.Address.ToString()), Self);
    }

    private void OnInitJoinAck(InitJoinAck message)
    {
        if (_joined) return;
        if (!Address.TryParse(message.Address ?? "", out var address, out var error) || address.Host is null)
        {
            _log.Warning($"ignored InitJoinAck with a bad address: {error}");
            return;
        }
        _ackedSinceStart = true;
        _log.Info($"joining the cluster through {address}");
        DaemonAt(address).Tell(new Join(GossipCodec.ToDto(_self), [.. _settings.Roles]), Self);
    }

    private void OnJoin(Join message)
    {
        if (!IsMember) return;
        UniqueAddress node;
        try
        {
            node = GossipCodec.FromDto(message.Node);
        }
        catch (FormatException ex)
        {
            _log.Warning($"ignored a Join from {Sender.Path.Address}: {ex.Message}");
            return;
        }
        if (_gossip.Removed.Contains(node))
        {
            _log.Warning($"ignored a Join from {node}: that incarnation was removed and must restart");
            return;
        }
        var next = _gossip;
        foreach (var old in _gossip.Members.Values)
        {
            if (old.Address == node.Address && old.UniqueAddress.Uid != node.Uid && old.Status < MemberStatus.Down)
            {
                // Akka: a new incarnation at the same address means the old one is gone; down it so it can be removed.
                _log.Warning($"{node.Address} rejoins as a new incarnation (uid {node.Uid}); downing the old one (uid {old.UniqueAddress.Uid})");
                next = next.WithStatus(old.UniqueAddress, MemberStatus.Down);
            }
        }
        if (!next.Members.ContainsKey(node))
        {
            var roles = (message.Roles ?? []).Where(ActorPath.IsValidPathElement).ToArray();
            next = next.WithMember(new Member(node, MemberStatus.Joining, roles, 0));
        }
        Update(next);
        Sender.Tell(new Welcome(GossipCodec.ToDto(_self), GossipCodec.ToDto(_gossip)), Self);
    }

    private void OnWelcome(Welcome message)
    {
        if (_joined) return;
        Gossip gossip;
        try
        {
            gossip = GossipCodec.FromDto(message.Gossip);
        }
        catch (FormatException ex)
        {
            _log.Warning($"ignored a Welcome from {Sender.Path.Address}: {ex.Message}");
            return;
        }
        if (!gossip.Members.ContainsKey(_self)) return;
        _joined = true;
        _log.Info($"welcomed into the cluster by {message.From?.Address}");
        Update(_gossip.Merge(gossip));
        SendGossip();
    }

    private void OnUserAction(string? addressText, MemberStatus status)
    {
        if (!Address.TryParse(addressText ?? "", out var address, out var error))
        {
            _log.Warning($"ignored a {status} request: {error}");
            return;
        }
        if (!IsMember)
        {
            _log.Warning($"ignored a {status} request for {address}: this node is not a member");
            return;
        }
        var next = _gossip;
        foreach (var member in _gossip.Members.Values.Where(m => m.Address == address))
        {
            if (status == MemberStatus.Leaving && member.Status >= MemberStatus.Leaving) continue;
            _log.Info($"{(status == MemberStatus.Leaving ? "leave" : "down")} requested for {member.Address}");
            next = next.WithStatus(member.UniqueAddress, status);
        }
        if (ReferenceEquals(next, _gossip)) _log.Warning($"{status} request for {address}: no such member (or already {status})");
        Update(next);
        SendGossip();
    }
}
