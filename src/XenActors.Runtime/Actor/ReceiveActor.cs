namespace XenActors.Actor;

/// <summary>
/// An actor whose handlers are declared with <see cref="Receive{T}(Action{T}, Predicate{T})"/> in its constructor or
/// inside <see cref="Become(Action)"/> (Akka's ReceiveActor). Handlers are tried in the order they were declared.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private MessageHandlers? _configuring = new();
    private MessageHandlers _initial = MessageHandlers.Empty;

    protected internal sealed override bool Receive(object message) => _initial.TryHandle(message);

    internal override void OnConstructed()
    {
        _initial = _configuring ?? MessageHandlers.Empty;
        _configuring = null;
    }

    /// <summary>Replaces the behaviour with the handlers that <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure)
    {
        var handlers = Configure(configure);
        Become(handlers.TryHandle);
    }

    /// <summary>Pushes the handlers that <paramref name="configure"/> declares; UnbecomeStacked pops them.</summary>
    protected void BecomeStacked(Action configure)
    {
        var handlers = Configure(configure);
        BecomeStacked(handlers.TryHandle);
    }

    private MessageHandlers Configure(Action configure)
    {
        var outer = _configuring;
        _configuring = new MessageHandlers();
        try
        {
            configure();
            return _configuring;
        }
        finally
        {
            _configuring = outer;
        }
    }

    private MessageHandlers Handlers => _configuring ?? throw new InvalidOperationException(
        "Receive handlers may only be declared in the actor's constructor or inside Become(...).");

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        Handlers.Add(new ActionHandler<T>(handler, shouldHandle));

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Handlers.Add(new ActionHandler<T>(handler, shouldHandle));

    /// <summary>A handler that decides itself: returning false lets later handlers try.</summary>
    protected void Receive<T>(Func<T, bool> handler) => Handlers.Add(new FuncHandler<T>(handler));

    /// <summary>An async handler: the actor processes no other message until the task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Handlers.Add(new AsyncHandler<T>(handler, shouldHandle, Cell));

    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler) =>
        Handlers.Add(new AsyncHandler<T>(handler, shouldHandle, Cell));

    protected void ReceiveAny(Action<object> handler) => Handlers.Add(new ActionHandler<object>(handler, null));

    protected void ReceiveAnyAsync(Func<object, Task> handler) => Handlers.Add(new AsyncHandler<object>(handler, null, Cell));
}
