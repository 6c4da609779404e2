using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using XenActors.Configuration;
using XenActors.Dispatch;
using XenActors.Event;
using XenActors.Scheduler;

namespace XenActors.Actor;

/// <summary>
/// The actor system: the guardian tree (<c>/</c>, <c>/user</c>, <c>/system</c>, <c>/temp</c>, <c>/deadLetters</c>),
/// path resolution and shared services. Remoting plugs in through <see cref="RemoteResolver"/> and
/// <see cref="ExternalAddress"/> without this class knowing about sockets.
/// </summary>
internal sealed partial class ActorSystemImpl : ActorSystem
{
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimerScheduler _scheduler;
    private readonly ActorSystemSetup _setup;
    private int _terminating;

    public ActorSystemImpl(string name, ActorSystemSetup setup)
    {
        _setup = setup;
        Name = name;
        Settings = setup.ResolveSettings();
        LocalAddress = new Address(Address.DefaultProtocol, name);
        RootPath = ActorPath.Root(LocalAddress);
        Dispatcher = setup.Dispatcher ?? new ThreadPoolDispatcher { Throughput = Settings.Throughput };
        EventStream = new EventStream();
        _scheduler = new TimerScheduler(setup.TimeProvider);
        StartTime = setup.TimeProvider.GetUtcNow();
        Log = GetLogger("ActorSystem(" + name + ")", typeof(ActorSystem));
        DeadLettersRef = new DeadLetterActorRef(this, RootPath / "deadLetters");
        StartGuardians();
    }

    public override string Name { get; }
    public override ActorSettings Settings { get; }
    public override IConfiguration Configuration => _setup.Configuration;
    public override EventStream EventStream { get; }
    public override IScheduler Scheduler => _scheduler;
    public override IActorRef DeadLetters => DeadLettersRef;
    internal DeadLetterActorRef DeadLettersRef { get; }
    public override TimeProvider TimeProvider => _setup.TimeProvider;
    public override ILoggerFactory LoggerFactory => _setup.LoggerFactory;
    public override ILoggingAdapter Log { get; }
    public override DateTimeOffset StartTime { get; }
    public override Task WhenTerminated => _terminated.Task;

    internal MessageDispatcher Dispatcher { get; }
    internal Address LocalAddress { get; }
    internal ActorPath RootPath { get; }
    internal bool IsTerminating => Volatile.Read(ref _terminating) == 1;

    /// <summary>The address remote peers know this system by (set by remoting once bound); null when local only.</summary>
    internal Address? ExternalAddress { get; set; }

    /// <summary>Resolves a path on another node into a remote ref; set by remoting.</summary>
    internal Func<ActorPath, IActorRef?>? RemoteResolver { get; set; }

    public ILoggingAdapter GetLogger(string logSource, Type? logClass) =>
        new LoggingAdapter(LoggerFactory.CreateLogger(logClass?.FullName ?? "XenActors"), EventStream, TimeProvider, logSource, logClass);

    public override IActorRef ActorOf(Props props, string? name = null) => UserGuardianCell.AttachChild(props, name, systemService: false);

    /// <summary>Creates an actor under <c>/system</c>, for runtime services (remoting, cluster daemons).</summary>
    internal IActorRef SystemActorOf(Props props, string? name = null) => SystemGuardianCell.AttachChild(props, name, systemService: true);

    public override ActorSelection ActorSelection(string path) => Actor.ActorSelection.Create(this, RootRef, path);

    public override void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef target) target.SendSystemMessage(Dispatch.SysMsg.Terminate.Instance);
    }

    public override Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            Log.Debug("terminating");
            UserGuardianCell.SelfRef.SendSystemMessage(Dispatch.SysMsg.Terminate.Instance);
        }
        return WhenTerminated;
    }

    /// <summary>The root guardian has stopped: nothing is left running.</summary>
    internal void FinishTermination()
    {
        _scheduler.Dispose();
        _terminated.TrySetResult();
    }

    public override T GetOrAddExtension<T>(Func<ActorSystem, T> factory) where T : class =>
        (T)_extensions.GetOrAdd(typeof(T), static (_, s) => s.factory(s.system), (factory, system: this));

    public override T? GetExtension<T>() where T : class => _extensions.TryGetValue(typeof(T), out var e) ? (T)e : null;
}
