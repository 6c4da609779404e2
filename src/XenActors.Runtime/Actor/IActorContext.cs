using XenActors.Event;

namespace XenActors.Actor;

/// <summary>The actor's view of itself and its surroundings, valid only while it processes a message (Akka's IActorContext).</summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }

    /// <summary>The sender of the current message; dead letters when there was none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }
    ActorSystem System { get; }
    Props Props { get; }

    IActorRef? Child(string name);
    IEnumerable<IActorRef> GetChildren();
    IEnumerable<IActorRef> Children => GetChildren();

    void Stop(IActorRef child);

    /// <summary>
    /// A ref whose Tell calls <paramref name="tell"/> at once on the sender's thread (Akka's AddFunctionRef); it goes
    /// quiet when this actor stops. The function must be thread-safe and quick: it runs outside this actor.
    /// </summary>
    IActorRef AddFunctionRef(Action<object, IActorRef?> tell);

    /// <summary>Death watch: a <see cref="Terminated"/> arrives when <paramref name="subject"/> stops, also if it already has.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>As <see cref="Watch"/>, but <paramref name="message"/> arrives instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the one below.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    /// <summary>After this long without a message the actor receives <see cref="XenActors.Actor.ReceiveTimeout"/>; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    TimeSpan? ReceiveTimeout { get; }

    ILoggingAdapter GetLogger();
}
