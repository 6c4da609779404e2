namespace XenActors.Xen.Store;

/// <summary>
/// One <see cref="XenStoreCore"/> shared by every front door of a host (the XenStore actor and the
/// unix-socket server), so `xenstore-ls` over the socket sees the same tree the actors change.
/// Each call enters the core under one lock; <see cref="AddAfterCall"/> hooks run inside it, after the
/// call, so a front door can move the watch events that call caused to its own clients in order.
/// </summary>
public sealed class SharedXenStore
{
    private readonly Lock _lock = new();
    private readonly List<Action> _afterCall = [];

    public SharedXenStore(XenStoreCore? core = null) => Core = core ?? new XenStoreCore();

    /// <summary>The core itself: touch it only inside <see cref="Run{T}"/>.</summary>
    public XenStoreCore Core { get; }

    /// <summary>Registers a hook that runs, under the lock, at the end of every call.</summary>
    public void AddAfterCall(Action hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        lock (_lock)
            _afterCall.Add(hook);
    }

    public T Run<T>(Func<XenStoreCore, T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Run(call, static (core, c) => c(core));
    }

    /// <summary>
    /// <see cref="Run{T}"/> with explicit state, so hot callers (the socket server, once per read batch)
    /// pass a static lambda and allocate no closure.
    /// </summary>
    public TResult Run<TState, TResult>(TState state, Func<XenStoreCore, TState, TResult> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_lock)
        {
            try
            {
                return call(Core, state);
            }
            finally
            {
                RunHooks();
            }
        }
    }

    public void Run(Action<XenStoreCore> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Run(call, static (core, c) =>
        {
            c(core);
            return true;
        });
    }

    private void RunHooks()
    {
        foreach (var hook in _afterCall)
            hook();
    }
}
