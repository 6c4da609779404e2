using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Dispatch;
using XenActors.Scheduler;

namespace XenActors.Xen.Tests.Drill;

/// <summary>An actor system on one thread and virtual time: every run with the same inputs is the same run.</summary>
public sealed class VirtualWorld : IDisposable
{
    public VirtualWorld(string name = "drill")
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

    /// <summary>Runs until <paramref name="done"/> holds; fails after <paramref name="limit"/> of virtual time.</summary>
    public void RunUntil(Func<bool> done, TimeSpan limit, TimeSpan? step = null)
    {
        var tick = step ?? TimeSpan.FromMilliseconds(1);
        var end = Now + limit;
        Dispatcher.RunUntilIdle();
        while (!done())
        {
            if (Now >= end)
            {
                throw new TimeoutException($"not done after {limit} of virtual time");
            }

            Time.Advance(tick);
            Dispatcher.RunUntilIdle();
        }
    }

    public T Await<T>(Task<T> task, TimeSpan limit, TimeSpan? step = null)
    {
        RunUntil(() => task.IsCompleted, limit, step);
        return task.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _ = System.Terminate();
        Dispatcher.RunUntilIdle();
    }
}
