using XenActors.Actor;

namespace XenActors.Benchmarks.Actors;

/// <summary>Bounces one preallocated message back to its sender until the round trips are done.</summary>
internal sealed class PingPongActor : UntypedActor
{
    private readonly int _roundTrips;
    private readonly TaskCompletionSource? _done;
    private int _count;

    public PingPongActor(int roundTrips, TaskCompletionSource? done)
    {
        _roundTrips = roundTrips;
        _done = done;
    }

    protected override void OnReceive(object message)
    {
        if (_done is null)
        {
            Sender.Tell(message, Self);
            return;
        }
        if (message is IActorRef peer)
        {
            peer.Tell(Ball.Instance, Self);
            return;
        }
        if (++_count == _roundTrips) _done.TrySetResult();
        else Sender.Tell(message, Self);
    }

    internal sealed class Ball
    {
        public static readonly Ball Instance = new();
    }
}
