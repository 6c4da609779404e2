namespace XenActors.Actor;

/// <summary>Makes the actor throw <see cref="ActorKilledException"/>; the default supervisor then stops it.</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static readonly Kill Instance = new();
    private Kill() { }
    public override string ToString() => "<Kill>";
}
