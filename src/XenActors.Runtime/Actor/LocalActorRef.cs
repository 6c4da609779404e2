using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

/// <summary>A ref to an actor in this process: a thin handle on its cell.</summary>
internal sealed class LocalActorRef : ActorRefBase, IHasActorSystem
{
    public LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        Path = path;
    }

    public ActorCell Cell { get; }
    public ActorSystemImpl System => Cell.System;
    public override ActorPath Path { get; }
    public override bool IsTerminated => Cell.IsTerminated;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Post(new Envelope(message, sender));
    }

    public override void SendSystemMessage(SystemMessage message) => Cell.SendSystemMessage(message);
}
