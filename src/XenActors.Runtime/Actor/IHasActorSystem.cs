namespace XenActors.Actor;

/// <summary>A ref or selection that knows its system (needed to create the temporary ref of an Ask).</summary>
internal interface IHasActorSystem
{
    ActorSystemImpl System { get; }
}
