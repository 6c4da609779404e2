namespace XenActors.Actor;

/// <summary>The directive applies to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    public OneForOneStrategy(Func<Exception, Directive> decider) : base(null, null, decider, true) { }

    internal override void ProcessFailure(ActorCell parent, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        var permitted = restart && stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, parent.System.TimeProvider.GetUtcNow());
        RestartOrStop(parent, child, cause, restart, permitted);
    }
}
