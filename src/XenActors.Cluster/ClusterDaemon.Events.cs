using XenActors.Cluster.Events;

namespace XenActors.Cluster;

internal sealed partial class ClusterDaemon
{
    /// <summary>Publishes on the event stream what changed between two views, as Akka's ClusterDomainEventPublisher does.</summary>
    private void PublishChanges(Gossip old, Gossip next)
    {
        var stream = Context.System.EventStream;
        foreach (var member in next.Members.Values.OrderBy(m => m.Address))
        {
            var before = old.Members.GetValueOrDefault(member.UniqueAddress);
            if (before is not null && before.Status == member.Status) continue;
            var @event = StatusEvent(member);
            if (@event is null) continue;
            _log.Info($"Cluster event: {@event.GetType().Name} {member}");
            stream.Publish(@event);
        }
        foreach (var gone in next.Removed)
        {
            if (old.Removed.Contains(gone) || !old.Members.TryGetValue(gone, out var before)) continue;
            var @event = new MemberRemoved(before with { Status = MemberStatus.Removed }, before.Status);
            _log.Info($"Cluster event: MemberRemoved {before.Address} (was {before.Status})");
            stream.Publish(@event);
        }
        var wasUnreachable = old.Unreachable();
        var isUnreachable = next.Unreachable();
        foreach (var node in isUnreachable.Except(wasUnreachable))
        {
            var member = next.Members[node];
            _log.Info($"Cluster event: UnreachableMember {member}");
            stream.Publish(new UnreachableMember(member));
        }
        foreach (var node in wasUnreachable.Except(isUnreachable))
        {
            if (!next.Members.TryGetValue(node, out var member)) continue;
            _log.Info($"Cluster event: ReachableMember {member}");
            stream.Publish(new ReachableMember(member));
        }
    }

    private static MemberEvent? StatusEvent(Member member) => member.Status switch
    {
        MemberStatus.Joining => new MemberJoined(member),
        MemberStatus.WeaklyUp => new MemberWeaklyUp(member),
        MemberStatus.Up => new MemberUp(member),
        MemberStatus.Leaving => new MemberLeft(member),
        MemberStatus.Exiting => new MemberExited(member),
        MemberStatus.Down => new MemberDowned(member),
        _ => null,
    };

    private void OnSubscribe(SubscribeCommand command)
    {
        var state = CurrentState();
        if (command.Mode == InitialStateMode.InitialStateAsSnapshot)
        {
            command.Subscriber.Tell(state, Self);
        }
        else
        {
            foreach (var member in state.Members)
            {
                var @event = StatusEvent(member);
                if (@event is not null && command.Types.Any(t => t.IsInstanceOfType(@event))) command.Subscriber.Tell(@event, Self);
            }
            foreach (var member in state.Unreachable)
            {
                var @event = new UnreachableMember(member);
                if (command.Types.Any(t => t.IsInstanceOfType(@event))) command.Subscriber.Tell(@event, Self);
            }
        }
        foreach (var type in command.Types) Context.System.EventStream.Subscribe(command.Subscriber, type);
    }
}
