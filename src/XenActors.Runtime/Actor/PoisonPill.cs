namespace XenActors.Actor;

/// <summary>Stops the actor when it reaches the front of the mailbox: messages before it are processed first.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();
    private PoisonPill() { }
    public override string ToString() => "<PoisonPill>";
}
