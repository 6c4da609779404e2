using XenActors.Actor;

namespace XenActors.Event;

/// <summary>A message an actor did not handle (Akka publishes these on the EventStream).</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
