using XenActors.Actor;

namespace XenActors.Scheduler;

/// <summary>Sends messages later or repeatedly (Akka's scheduler). Time comes from the system's <see cref="TimeProvider"/>.</summary>
public interface IScheduler
{
    TimeProvider TimeProvider { get; }

    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellRepeatedlyCancelable(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> on a pool thread after <paramref name="delay"/> (not inside any actor).</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}
