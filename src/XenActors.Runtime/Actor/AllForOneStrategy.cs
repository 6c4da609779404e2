namespace XenActors.Actor;

/// <summary>The directive applies to every child of the supervisor (for children that only work together).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    public AllForOneStrategy(Func<Exception, Directive> decider) : base(null, null, decider, true) { }

    internal override void ProcessFailure(ActorCell parent, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        var now = parent.System.TimeProvider.GetUtcNow();
        var permitted = restart && children.All(s => s.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, now));
        foreach (var s in children) RestartOrStop(parent, s.Child, cause, restart, permitted);
    }
}
