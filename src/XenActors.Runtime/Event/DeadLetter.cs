using XenActors.Actor;

namespace XenActors.Event;

/// <summary>A message that could not be delivered; published on the EventStream and logged, never dropped silently.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);
