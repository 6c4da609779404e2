using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>
/// Asks one XenStore actor for every committed write, in commit order, as <see cref="XsNodeWritten"/> (answered with
/// <see cref="XsResult.Ok"/>). Unlike a watch, whose reader may find a later value, each value arrives: for timelines
/// and journals of one host when several share an actor system. The subscription ends when the subscriber stops.
/// </summary>
public sealed record XsSubscribeWrites(IActorRef Subscriber);
