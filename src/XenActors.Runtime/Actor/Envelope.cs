namespace XenActors.Actor;

/// <summary>A message with its sender, as it sits in a mailbox. A struct so that enqueueing allocates nothing.</summary>
public readonly record struct Envelope(object Message, IActorRef? Sender);
