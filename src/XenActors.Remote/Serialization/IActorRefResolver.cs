using XenActors.Actor;

namespace XenActors.Remote.Serialization;

/// <summary>Turns refs into the path text other nodes can use, and that text back into refs (local or remote).</summary>
public interface IActorRefResolver
{
    string ToSerializedPath(IActorRef actorRef);

    IActorRef Resolve(string serializedPath);
}
