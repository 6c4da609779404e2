using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

internal sealed partial class ActorCell
{
    private Dictionary<IActorRef, object?>? _watching;
    private HashSet<IInternalActorRef>? _watchedBy;

    public IActorRef Watch(IActorRef subject) => WatchInternal(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchInternal(subject, message);
    }

    private IActorRef WatchInternal(IActorRef subject, object? message)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Equals(Self)) return subject;
        _watching ??= new Dictionary<IActorRef, object?>();
        if (_watching.TryAdd(subject, message))
        {
            if (subject is IInternalActorRef target) target.SendSystemMessage(new Watch(target, SelfRef));
            else SelfRef.SendSystemMessage(new DeathWatchNotification(subject, false, false));
        }
        else if (message is not null)
        {
            _watching[subject] = message;
        }
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (_watching is not null && _watching.Remove(subject) && subject is IInternalActorRef target)
        {
            target.SendSystemMessage(new Unwatch(target, SelfRef));
        }
        return subject;
    }

    /// <summary>Someone watches this actor; if it has already stopped, say so at once (existence not confirmed).</summary>
    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (!watchee.Equals(Self))
        {
            watcher.SendSystemMessage(new DeathWatchNotification(watchee, false, false));
            return;
        }
        if (_terminated)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(Self, false, false));
            return;
        }
        (_watchedBy ??= new HashSet<IInternalActorRef>()).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (watchee.Equals(Self)) _watchedBy?.Remove(watcher);
    }

    private void WatchedActorTerminated(DeathWatchNotification notification)
    {
        RemoveChild(notification.Actor);
        if (_watching is null || !_watching.Remove(notification.Actor, out var custom)) return;
        if (_terminating || _terminated) return;
        // Delivered through the mailbox so it keeps its place among user messages and respects suspension.
        var message = custom ?? new Terminated(notification.Actor, notification.ExistenceConfirmed, notification.AddressTerminated);
        Post(new Envelope(message, notification.Actor));
    }

    /// <summary>Tells every watcher that this actor is gone (called once, after PostStop).</summary>
    private void TellWatchersWeDied()
    {
        if (_watchedBy is null) return;
        foreach (var watcher in _watchedBy)
        {
            if (!watcher.Equals(ParentRef)) watcher.SendSystemMessage(new DeathWatchNotification(Self, true, false));
        }
        _watchedBy = null;
    }

    private void UnwatchWatchedActors()
    {
        if (_watching is null) return;
        foreach (var subject in _watching.Keys)
        {
            if (subject is IInternalActorRef target) target.SendSystemMessage(new Unwatch(target, SelfRef));
        }
        _watching = null;
    }
}
