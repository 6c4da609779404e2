using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Scheduler;

namespace XenActors.Dispatch;

/// <summary>
/// An actor system on one thread and virtual time: the same inputs give the same run, message for message.
/// Nothing happens between calls; <see cref="RunFor"/> and <see cref="RunUntil"/> deliver ready messages and
/// move the clock. The base of replayable drills and of deterministic specs.
/// </summary>
public class DeterministicSystem : IDisposable
{
    public DeterministicSystem(string name = "deterministic")
    {
        System = ActorSystem.Create(name, new ActorSystemSetup { Dispatcher = Dispatcher, TimeProvider = Time });
        Dispatcher.RunUntilIdle();
    }

    public ManualDispatcher Dispatcher { get; } = new();

    public ManualTimeProvider Time { get; } = new();

    public ActorSystem System { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Delivers every message that is ready, then moves time in <paramref name="step"/>s for <paramref name="duration"/>.</summary>
    public void RunFor(TimeSpan duration, TimeSpan? step = null)
    {
        var tick = step ?? TimeSpan.FromMilliseconds(1);
        var end = Now + duration;
        Dispatcher.RunUntilIdle();
        while (Now < end)
        {
            Time.Advance(tick);
            Dispatcher.RunUntilIdle();
        }
    }

    /// <summary>Runs until <paramref name="done"/> holds; throws after <paramref name="limit"/> of virtual time.</summary>
    public void RunUntil(Func<bool> done, TimeSpan limit, TimeSpan? step = null)
    {
        ArgumentNullException.ThrowIfNull(done);
        var tick = step ?? TimeSpan.FromMilliseconds(1);
        var end = Now + limit;
        Dispatcher.RunUntilIdle();
        while (!done())
        {
            if (Now >= end) throw new TimeoutException($"not done after {limit} of virtual time");
            Time.Advance(tick);
            Dispatcher.RunUntilIdle();
        }
    }

    public T Await<T>(Task<T> task, TimeSpan limit, TimeSpan? step = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        RunUntil(() => task.IsCompleted, limit, step);
        return task.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        _ = System.Terminate();
        Dispatcher.RunUntilIdle();
    }
}
