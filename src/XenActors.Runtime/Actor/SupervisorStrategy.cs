using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

/// <summary>
/// How a parent treats a failed child (Akka's SupervisorStrategy). The decider maps the exception to a
/// <see cref="Directive"/>; Restart is limited to <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/>,
/// after which the child is stopped.
/// </summary>
public abstract class SupervisorStrategy
{
    protected SupervisorStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive>? decider, bool loggingEnabled)
    {
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider ?? DefaultDecider;
        LoggingEnabled = loggingEnabled;
    }

    public int? MaxNrOfRetries { get; }
    public TimeSpan? WithinTimeRange { get; }
    public Func<Exception, Directive> Decider { get; }
    public bool LoggingEnabled { get; }

    /// <summary>Restart, except Stop for initialization failures, Kill and death pacts (as in Akka).</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any child that fails.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Applies the directive; false means escalate.</summary>
    internal bool HandleFailure(ActorCell parent, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        var directive = Decider(cause);
        if (LoggingEnabled) LogFailure(parent, child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                ((IInternalActorRef)child).SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                ProcessFailure(parent, restart: true, child, cause, stats, children);
                return true;
            case Directive.Stop:
                ProcessFailure(parent, restart: false, child, cause, stats, children);
                return true;
            default:
                return false;
        }
    }

    internal abstract void ProcessFailure(ActorCell parent, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children);

    /// <summary>Restarts the child if the retry budget allows, else stops it.</summary>
    private protected void RestartOrStop(ActorCell parent, IActorRef child, Exception cause, bool restart, bool permitted)
    {
        if (restart && permitted) ((IInternalActorRef)child).SendSystemMessage(new Recreate(cause));
        else parent.Stop(child);
    }

    private static void LogFailure(ActorCell parent, IActorRef child, Exception cause, Directive directive)
    {
        if (directive == Directive.Escalate) return;
        var log = parent.System.GetLogger(child.Path.ToString(), null);
        var text = $"{cause.GetType().Name}: {cause.Message} (supervisor: {directive})";
        if (directive == Directive.Resume) log.Warning(text);
        else log.Error(cause, text);
    }
}
