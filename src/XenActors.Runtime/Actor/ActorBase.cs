using XenActors.Event;

namespace XenActors.Actor;

/// <summary>
/// Base of every actor (Akka's ActorBase): lifecycle hooks, supervision strategy and the static
/// <see cref="Context"/>, which is valid only on the actor's own thread while it handles a message.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Current ?? throw new ActorInitializationException(
            null, $"{GetType().Name} cannot be created with 'new': use ActorOf(Props.Create<{GetType().Name}>()).");
    }

    internal ActorCell Cell => _cell;

    /// <summary>The context of the actor whose message is being processed on this thread.</summary>
    protected static IActorContext Context => ActorCell.Current ?? throw new NotSupportedException(
        "There is no active actor context: Context is only valid inside an actor's constructor, lifecycle hooks and message handlers.");

    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the current message (dead letters when there was none).</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles a message; false means unhandled.</summary>
    protected internal abstract bool Receive(object message);

    protected virtual void PreStart() { }

    protected virtual void PostStop() { }

    /// <summary>Default: unwatch and stop all children, then <see cref="PostStop"/> (as in Akka).</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren())
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; the default restarts on any exception.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => XenActors.Actor.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Called for messages no behaviour handled: an unhandled <see cref="Terminated"/> throws <see cref="DeathPactException"/>;
    /// anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, _cell.Self));
    }

    protected void Become(Receive receive) => _cell.Become(receive);

    protected void BecomeStacked(Receive receive) => _cell.BecomeStacked(receive);

    protected void UnbecomeStacked() => _cell.UnbecomeStacked();

    protected void SetReceiveTimeout(TimeSpan? timeout) => _cell.SetReceiveTimeout(timeout);

    internal void InvokeUnhandled(object message) => Unhandled(message);
    internal void InvokePreStart() => PreStart();
    internal void InvokePostStop() => PostStop();
    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);
    internal void InvokePostRestart(Exception reason) => PostRestart(reason);
    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();

    /// <summary>Runs after the constructor; ReceiveActor seals the handlers it configured there.</summary>
    internal virtual void OnConstructed() { }
}
