using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using XenActors.Configuration;
using XenActors.Event;
using XenActors.Scheduler;

namespace XenActors.Actor;

/// <summary>
/// A hierarchy of actors with shared services: scheduler, event stream, dead letters, logging, extensions
/// (Akka's ActorSystem). Create one per node; <see cref="Terminate"/> stops every actor, children first.
/// </summary>
public abstract class ActorSystem : IActorRefFactory, IDisposable
{
    public static ActorSystem Create(string name) => Create(name, new ActorSystemSetup());

    public static ActorSystem Create(string name, IConfiguration configuration) =>
        Create(name, new ActorSystemSetup { Configuration = configuration });

    public static ActorSystem Create(string name, ActorSystemSetup setup)
    {
        if (!ActorSystemName.IsValid(name))
        {
            throw new ArgumentException($"invalid actor system name [{name}]: use [a-zA-Z0-9] and a non-leading '-'.", nameof(name));
        }
        ArgumentNullException.ThrowIfNull(setup);
        return new ActorSystemImpl(name, setup);
    }

    public abstract string Name { get; }
    public abstract ActorSettings Settings { get; }
    public abstract IConfiguration Configuration { get; }
    public abstract EventStream EventStream { get; }
    public abstract IScheduler Scheduler { get; }
    public abstract IActorRef DeadLetters { get; }
    public abstract TimeProvider TimeProvider { get; }
    public abstract ILoggerFactory LoggerFactory { get; }
    public abstract ILoggingAdapter Log { get; }
    public abstract DateTimeOffset StartTime { get; }
    public TimeSpan Uptime => TimeProvider.GetUtcNow() - StartTime;

    /// <summary>Completes when every actor has stopped.</summary>
    public abstract Task WhenTerminated { get; }

    /// <summary>Stops user actors, then system actors; returns <see cref="WhenTerminated"/>.</summary>
    public abstract Task Terminate();

    public abstract IActorRef ActorOf(Props props, string? name = null);
    public abstract ActorSelection ActorSelection(string path);

    /// <summary>Stops an actor asynchronously (after its current message).</summary>
    public abstract void Stop(IActorRef actor);

    /// <summary>Returns the extension of type <typeparamref name="T"/>, creating it once with <paramref name="factory"/>.</summary>
    public abstract T GetOrAddExtension<T>(Func<ActorSystem, T> factory) where T : class;

    public abstract T? GetExtension<T>() where T : class;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !WhenTerminated.IsCompleted) Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    public override string ToString() => $"xen://{Name}";
}
