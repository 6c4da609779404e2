using XenActors.Actor;

namespace XenActors.Remote.Tests;

/// <summary>Replies with whatever it receives.</summary>
public sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
}
