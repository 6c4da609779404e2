namespace XenActors.Actor;

/// <summary>A temporary ref (an Ask's reply address) that becomes resolvable by path only once its path is sent out.</summary>
internal interface ITemporaryActorRef
{
    /// <summary>Makes the ref resolvable under <c>/temp</c> until it completes; idempotent.</summary>
    void Publish();
}
