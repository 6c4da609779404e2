using XenActors.Actor;

namespace XenActors.Hosting.Node.Bench;

/// <summary>The responder's actor: sends every message back.</summary>
public sealed class BenchEcho : ReceiveActor
{
    public BenchEcho() => ReceiveAny(m => Sender.Tell(m, Self));
}
