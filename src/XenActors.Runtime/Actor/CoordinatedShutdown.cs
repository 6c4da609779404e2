using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace XenActors.Actor;

/// <summary>
/// Stops a node in ordered phases (Akka's CoordinatedShutdown): tasks of a phase run together, phases run in
/// order, each phase has a timeout, and the last phase terminates the actor system. Run is idempotent.
/// </summary>
public sealed class CoordinatedShutdown
{
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";
    public const string PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";
    public const string PhaseClusterLeave = "cluster-leave";
    public const string PhaseClusterExiting = "cluster-exiting";
    public const string PhaseClusterExitingDone = "cluster-exiting-done";
    public const string PhaseClusterShutdown = "cluster-shutdown";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    /// <summary>The phases in the order they run.</summary>
    public static IReadOnlyList<string> Phases { get; } =
    [
        PhaseBeforeServiceUnbind, PhaseServiceUnbind, PhaseServiceRequestsDone, PhaseServiceStop,
        PhaseBeforeClusterShutdown, PhaseClusterShardingShutdownRegion, PhaseClusterLeave, PhaseClusterExiting,
        PhaseClusterExitingDone, PhaseClusterShutdown, PhaseBeforeActorSystemTerminate, PhaseActorSystemTerminate,
    ];

    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Name, Func<Task<Done>> Task)>> _tasks = new();
    private readonly Lock _gate = new();
    private Task<Done>? _run;
    private List<PosixSignalRegistration>? _signals;

    private CoordinatedShutdown(ActorSystem system) => _system = system;

    public static CoordinatedShutdown Get(ActorSystem system) => system.GetOrAddExtension(s => new CoordinatedShutdown(s));

    /// <summary>Why the shutdown runs (null until <see cref="Run"/> is called).</summary>
    public Reason? ShutdownReason { get; private set; }

    public TimeSpan PhaseTimeout => _system.Settings.ShutdownPhaseTimeout;

    public void AddTask(string phase, string taskName, Func<Task<Done>> task)
    {
        if (!Phases.Contains(phase)) throw new ArgumentException($"unknown shutdown phase '{phase}': use one of {string.Join(", ", Phases)}", nameof(phase));
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        ArgumentNullException.ThrowIfNull(task);
        _tasks.GetOrAdd(phase, _ => new ConcurrentQueue<(string, Func<Task<Done>>)>()).Enqueue((taskName, task));
    }

    /// <summary>Runs every phase in order; calling again returns the same task.</summary>
    public Task<Done> Run(Reason reason)
    {
        lock (_gate)
        {
            if (_run is not null) return _run;
            ShutdownReason = reason;
            _run = RunPhases(reason);
            return _run;
        }
    }

    private async Task<Done> RunPhases(Reason reason)
    {
        _system.Log.Info($"Running CoordinatedShutdown with reason [{reason}]");
        foreach (var phase in Phases)
        {
            if (!_tasks.TryGetValue(phase, out var queue) || queue.IsEmpty) continue;
            var running = queue.Select(t => RunTask(phase, t.Name, t.Task)).ToArray();
            var all = Task.WhenAll(running);
            try
            {
                await all.WaitAsync(PhaseTimeout, _system.TimeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _system.Log.Warning($"CoordinatedShutdown phase [{phase}] timed out after {PhaseTimeout.TotalMilliseconds:0} ms; going on.");
            }
        }
        await _system.Terminate().ConfigureAwait(false);
        return Done.Instance;
    }

    private async Task RunTask(string phase, string name, Func<Task<Done>> task)
    {
        try
        {
            await task().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _system.Log.Warning($"CoordinatedShutdown task [{name}] in phase [{phase}] failed: {ex.Message}");
        }
    }

    /// <summary>Runs the shutdown on SIGTERM, SIGINT (Ctrl-C) and SIGQUIT, so a node process stops cleanly.</summary>
    public void InstallSignalHandlers()
    {
        lock (_gate)
        {
            if (_signals is not null) return;
            _signals = [];
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
            {
                _signals.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true; // we exit ourselves once the phases are done
                    _ = Run(ProcessExitReason.Instance);
                }));
            }
        }
    }

    /// <summary>Why a shutdown was started.</summary>
    public abstract class Reason
    {
        public override string ToString() => GetType().Name;
    }

    public sealed class UnknownReason : Reason
    {
        public static readonly UnknownReason Instance = new();
    }

    public sealed class ProcessExitReason : Reason
    {
        public static readonly ProcessExitReason Instance = new();
    }

    public sealed class ClusterLeavingReason : Reason
    {
        public static readonly ClusterLeavingReason Instance = new();
    }

    public sealed class ClusterDowningReason : Reason
    {
        public static readonly ClusterDowningReason Instance = new();
    }
}
