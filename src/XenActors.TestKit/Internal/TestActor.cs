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
                watch.Done.TrySetResult();
                return true;
            case UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Subject);
                unwatch.Done.TrySetResult();
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

    /// <summary>Done once the test actor watches: a death after <c>Watch</c> returns is one it saw happen.</summary>
    internal sealed record WatchCommand(IActorRef Subject, TaskCompletionSource Done);
    internal sealed record UnwatchCommand(IActorRef Subject, TaskCompletionSource Done);
    internal sealed record SetIgnore(Func<object, bool>? Filter);
    internal sealed record SetAutoPilotCommand(AutoPilot? AutoPilot);
}
