using XenActors.Actor;

namespace XenActors.Benchmarks.Hotplug;

/// <summary>Answers every message with itself: the cheapest Ask round trip, the floor of an xm command.</summary>
internal sealed class EchoActor : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);

    internal sealed class Ping
    {
        public static readonly Ping Instance = new();

        private Ping()
        {
        }
    }
}
