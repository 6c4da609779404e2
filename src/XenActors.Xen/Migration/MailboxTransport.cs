using XenActors.Actor;

namespace XenActors.Xen.Migration;

/// <summary>Runs a transport's completions as messages to an actor instead of on the transport's thread.</summary>
internal sealed class MailboxTransport(IMigrationTransport inner, IActorRef owner) : IMigrationTransport
{
    public void Send(MigrationRecord record, Action<TransportOutcome> completed) =>
        inner.Send(record, outcome => owner.Tell(new TransportCompleted(() => completed(outcome))));

    public void Abort(string reason) => inner.Abort(reason);
}
