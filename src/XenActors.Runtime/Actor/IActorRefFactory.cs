namespace XenActors.Actor;

/// <summary>What can create actors and look them up: the system and every actor's context.</summary>
public interface IActorRefFactory
{
    IActorRef ActorOf(Props props, string? name = null);
    ActorSelection ActorSelection(string path);
}
