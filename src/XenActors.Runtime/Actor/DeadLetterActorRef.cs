using XenActors.Dispatch.SysMsg;
using XenActors.Event;

namespace XenActors.Actor;

/// <summary>
/// Where undeliverable messages go: each is published as <see cref="DeadLetter"/> and the first ones are logged.
/// A watch on a dead actor lands here too and is answered at once with Terminated.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystemImpl system, ActorPath path) : ActorRefBase, IHasActorSystem
{
    private long _logged;

    public override ActorPath Path { get; } = path;
    public ActorSystemImpl System { get; } = system;

    public override void Tell(object message, IActorRef? sender)
    {
        var letter = message as DeadLetter ?? new DeadLetter(message, sender, this);
        if (letter.Message is Identify identify)
        {
            sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
            return;
        }
        System.EventStream.Publish(letter);
        var limit = System.Settings.LogDeadLetters;
        if (limit > 0 && (!System.IsTerminating || System.Settings.LogDeadLettersDuringShutdown))
        {
            var n = Interlocked.Increment(ref _logged);
            if (n <= limit)
            {
                var suffix = n == limit ? " (no more dead letters will be logged; see XenActors:actor:logDeadLetters)" : "";
                System.Log.Info($"Message [{letter.Message.GetType().Name}] from {letter.Sender?.ToString() ?? "NoSender"} to {letter.Recipient} was not delivered. [{n}] dead letters encountered{suffix}.");
            }
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch) watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, false, false));
    }
}
