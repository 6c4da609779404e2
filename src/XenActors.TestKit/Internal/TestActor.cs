using System.Collections.Concurrent;
using XenActors.Actor;

namespace XenActors.TestKit.Internal;

/// <summary>The actor behind a probe: queues everything it receives for the test thread to inspect.</summary>
internal sealed class TestActor : ActorBase
{
    private readonly BlockingCollection<Envelope> _queue;
    private Func<object, bool>? _ignore;
    private AutoPilot? _autoPilot;

    public TestActor(BlockingCollection<Envelope> queue) => _queue = queue;

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand watch:
                Context.Watch(watch.Subject);
                return true;
            case UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Subject);
                return true;
            case SetIgnore ignore:
                _ignore = ignore.Filter;
                return true;
            case SetAutoPilotCommand pilot:
                _autoPilot = pilot.AutoPilot;
                return true;
        }
        if (_autoPilot is not null) _autoPilot = _autoPilot.Run(Sender, message);
        if (_ignore is null || !_ignore(message)) _queue.Add(new Envelope(message, Sender));
        return true;
    }

    internal sealed record WatchCommand(IActorRef Subject);
    internal sealed record UnwatchCommand(IActorRef Subject);
    internal sealed record SetIgnore(Func<object, bool>? Filter);
    internal sealed record SetAutoPilotCommand(AutoPilot? AutoPilot);
}
