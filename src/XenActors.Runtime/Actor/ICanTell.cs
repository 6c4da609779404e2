namespace XenActors.Actor;

/// <summary>Anything a message can be told to: refs and selections.</summary>
public interface ICanTell
{
    /// <summary>Sends <paramref name="message"/> fire-and-forget; <paramref name="sender"/> may be null (no sender).</summary>
    void Tell(object message, IActorRef? sender);
}
