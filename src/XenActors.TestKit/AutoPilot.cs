using XenActors.Actor;

namespace XenActors.TestKit;

/// <summary>Answers messages on a probe's behalf; returns the pilot for the next message (or null to stop).</summary>
public abstract class AutoPilot
{
    public abstract AutoPilot? Run(IActorRef sender, object message);

    /// <summary>A pilot that keeps running <paramref name="reply"/> for every message.</summary>
    public static AutoPilot KeepRunning(Action<IActorRef, object> reply) => new Delegating(reply);

    private sealed class Delegating(Action<IActorRef, object> reply) : AutoPilot
    {
        public override AutoPilot Run(IActorRef sender, object message)
        {
            reply(sender, message);
            return this;
        }
    }
}
