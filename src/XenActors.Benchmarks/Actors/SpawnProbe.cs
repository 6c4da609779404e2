using XenActors.Actor;

namespace XenActors.Benchmarks.Actors;

/// <summary>A parent that spawns N children (each counts itself in PreStart) and reports when all have stopped.</summary>
internal sealed class SpawnParent : UntypedActor
{
    private readonly Props _childProps;
    private readonly TaskCompletionSource _stopped;

    public SpawnParent(Props childProps, TaskCompletionSource stopped)
    {
        _childProps = childProps;
        _stopped = stopped;
    }

    protected override void OnReceive(object message)
    {
        if (message is int count)
        {
            for (var i = 0; i < count; i++) Context.ActorOf(_childProps);
        }
        else if (message is string s && s == "stop")
        {
            Context.Stop(Self);
        }
    }

    protected override void PostStop() => _stopped.TrySetResult();
}

internal sealed class SpawnChild(SpawnCounter counter) : UntypedActor
{
    protected override void PreStart() => counter.Started();

    protected override void OnReceive(object message) { }
}

internal sealed class SpawnCounter(int expected)
{
    private int _started;
    public TaskCompletionSource AllStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Started()
    {
        if (Interlocked.Increment(ref _started) == expected) AllStarted.TrySetResult();
    }
}
