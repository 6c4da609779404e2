namespace XenActors.Actor;

/// <summary>An actor with a stash; the runtime sets <see cref="Stash"/> when it creates the actor.</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}
