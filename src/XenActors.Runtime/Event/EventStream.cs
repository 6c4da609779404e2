using XenActors.Actor;

namespace XenActors.Event;

/// <summary>
/// Publish/subscribe by type within one actor system (Akka's EventStream). A subscriber to a base type gets every
/// event assignable to it. Subscriptions are an immutable array swapped on change, so Publish takes no lock.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    private sealed record Subscription(Type Channel, IActorRef? Subscriber, Action<object>? Callback);

    /// <summary>True if anyone listens for events of this type; lets hot paths skip building events.</summary>
    public bool HasSubscribers(Type eventType)
    {
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            if (s.Channel.IsAssignableFrom(eventType)) return true;
        }
        return false;
    }

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (Array.Exists(_subscriptions, s => s.Channel == channel && Equals(s.Subscriber, subscriber))) return false;
            _subscriptions = [.. _subscriptions, new Subscription(channel, subscriber, null)];
            return true;
        }
    }

    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Subscribes a callback (used by loggers and the TestKit); dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe<T>(Action<T> callback)
    {
        var subscription = new Subscription(typeof(T), null, o => callback((T)o));
        lock (_gate) _subscriptions = [.. _subscriptions, subscription];
        return new Unsubscriber(this, subscription);
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_gate)
        {
            var before = _subscriptions.Length;
            _subscriptions = Array.FindAll(_subscriptions, s => !(s.Channel == channel && Equals(s.Subscriber, subscriber)));
            return _subscriptions.Length != before;
        }
    }

    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_gate)
        {
            var before = _subscriptions.Length;
            _subscriptions = Array.FindAll(_subscriptions, s => !Equals(s.Subscriber, subscriber));
            return _subscriptions.Length != before;
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            if (!s.Channel.IsAssignableFrom(type)) continue;
            if (s.Subscriber is not null) s.Subscriber.Tell(@event, null);
            else s.Callback!(@event);
        }
    }

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose()
        {
            lock (stream._gate) stream._subscriptions = Array.FindAll(stream._subscriptions, s => !ReferenceEquals(s, subscription));
        }
    }
}
