using XenActors.Cluster.FailureDetection;
using XenActors.Cluster.Protocol;

namespace XenActors.Cluster;

internal sealed partial class ClusterDaemon
{
    private void OnGossipTick()
    {
        if (IsMember) SendGossip();
    }

    private void SendGossip()
    {
        var envelope = new GossipEnvelope(GossipCodec.ToDto(_self), GossipCodec.ToDto(_gossip), _gossip.Digest);
        foreach (var node in _gossip.Members.Keys)
        {
            if (node != _self) DaemonAt(node.Address).Tell(envelope, Self);
        }
    }

    private void OnGossip(GossipEnvelope envelope)
    {
        UniqueAddress from;
        Gossip gossip;
        try
        {
            from = GossipCodec.FromDto(envelope.From);
            gossip = GossipCodec.FromDto(envelope.Gossip);
        }
        catch (FormatException ex)
        {
            _log.Warning($"ignored gossip from {Sender.Path.Address}: {ex.Message}");
            return;
        }
        if (!_joined)
        {
            // Not a member yet (or any more): only a Welcome makes us one. But a view saying we were removed counts.
            return;
        }
        if (_gossip.Removed.Contains(from))
        {
            // Tell a removed node so, so it shuts itself down instead of gossiping forever.
            Sender.Tell(new GossipEnvelope(GossipCodec.ToDto(_self), GossipCodec.ToDto(_gossip), _gossip.Digest), Self);
            return;
        }
        _seen[from] = envelope.Digest ?? "";
        Update(_gossip.Merge(gossip));
    }

    private void OnHeartbeatTick()
    {
        if (!IsMember) return;
        var heartbeat = new Heartbeat(GossipCodec.ToDto(_self));
        var now = NowMs;
        var next = _gossip;
        foreach (var member in _gossip.Members.Values)
        {
            if (member.UniqueAddress == _self) continue;
            DaemonAt(member.Address).Tell(heartbeat, Self);
            if (member.Status == MemberStatus.Down) continue;
            var detector = DetectorFor(member.UniqueAddress, now);
            var available = detector.IsAvailable(now);
            var markedUnreachable = _gossip.Reachability.TryGetValue((_self, member.UniqueAddress), out var row) && row.Unreachable;
            if (!available && !markedUnreachable)
            {
                _log.Warning($"Marking node as UNREACHABLE [{member}] (phi {detector.Phi(now):0.#})");
                next = next.WithReachability(_self, member.UniqueAddress, unreachable: true);
            }
            else if (available && markedUnreachable)
            {
                _log.Info($"Marking node as REACHABLE [{member}]");
                next = next.WithReachability(_self, member.UniqueAddress, unreachable: false);
            }
        }
        Update(next);
    }

    private PhiAccrualFailureDetector DetectorFor(UniqueAddress node, long now)
    {
        if (!_detectors.TryGetValue(node, out var detector))
        {
            detector = new PhiAccrualFailureDetector(_settings.FailureDetector);
            // Start the clock now: a node that never sends a heartbeat is suspected like one that stopped.
            detector.Heartbeat(now);
            _detectors[node] = detector;
        }
        return detector;
    }

    private void OnHeartbeat(Heartbeat heartbeat)
    {
        UniqueAddress from;
        try
        {
            from = GossipCodec.FromDto(heartbeat.From);
        }
        catch (FormatException ex)
        {
            _log.Warning($"ignored a heartbeat from {Sender.Path.Address}: {ex.Message}");
            return;
        }
        if (_gossip.Removed.Contains(from)) return;
        var now = NowMs;
        if (_detectors.TryGetValue(from, out var detector)) detector.Heartbeat(now);
        else DetectorFor(from, now);
    }
}
