using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.TestKit.Internal;

namespace XenActors.TestKit;

/// <summary>
/// Expectations against the messages a test actor receives (Akka's TestKitBase). <see cref="TestKit"/> and
/// <see cref="TestProbe"/> both build on it. The sync methods block the calling test thread; timeouts are dilated.
/// </summary>
public abstract partial class TestKitBase
{
    private readonly BlockingCollection<Envelope> _queue = new();
    private IActorRef? _lastSender;
    private Envelope? _pushedBack; // a message ReceiveWhile looked at but did not take; it stays first in line

    protected TestKitBase(ActorSystem system, TestKitSettings? settings = null, string? testActorName = null)
    {
        Sys = system ?? throw new ArgumentNullException(nameof(system));
        TestKitSettings = settings ?? new TestKitSettings();
        TestActor = system.ActorOf(Props.Create(() => new TestActor(_queue)), testActorName ?? "testActor" + Interlocked.Increment(ref s_counter));
    }

    private static int s_counter;

    public ActorSystem Sys { get; }
    public TestKitSettings TestKitSettings { get; }

    /// <summary>The actor whose messages the expectations read; the implicit sender of <see cref="Send"/>.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The sender of the last message received by an expectation.</summary>
    public IActorRef LastSender => _lastSender ?? Sys.DeadLetters;

    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    public IActorRef ActorOf<TActor>(string? name = null) where TActor : ActorBase => Sys.ActorOf(Props.Create<TActor>(), name);

    public ActorSelection ActorSelection(string path) => Sys.ActorSelection(path);

    /// <summary>Tells <paramref name="target"/> with <see cref="TestActor"/> as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, TestActor);

    public TestProbe CreateTestProbe(string? name = null) => new(Sys, TestKitSettings, name);

    public TimeSpan Dilated(TimeSpan duration) => TestKitSettings.Dilated(duration);

    /// <summary>
    /// Watches <paramref name="subject"/> from the test actor, so <see cref="ExpectTerminated"/> can see it stop. Returns
    /// once the watch is set: a stop that follows is one the subject was watched through (existence confirmed).
    /// </summary>
    public IActorRef Watch(IActorRef subject)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestActor.Tell(new TestActor.WatchCommand(subject, done), TestActor);
        AwaitCommand(done.Task, "watch");
        return subject;
    }

    /// <summary>Stops watching <paramref name="subject"/>; returns once the test actor no longer watches it.</summary>
    public IActorRef Unwatch(IActorRef subject)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestActor.Tell(new TestActor.UnwatchCommand(subject, done), TestActor);
        AwaitCommand(done.Task, "unwatch");
        return subject;
    }

    private void AwaitCommand(Task done, string what)
    {
        if (!done.Wait(Dilated(TimeSpan.FromSeconds(10))))
            throw new TimeoutException($"the test actor did not {what} in 10 s");
    }

    /// <summary>Messages matching <paramref name="filter"/> are dropped before any expectation sees them.</summary>
    public void IgnoreMessages(Func<object, bool> filter) => TestActor.Tell(new TestActor.SetIgnore(filter), TestActor);

    public void IgnoreNoMessages() => TestActor.Tell(new TestActor.SetIgnore(null), TestActor);

    public void SetAutoPilot(AutoPilot? pilot) => TestActor.Tell(new TestActor.SetAutoPilotCommand(pilot), TestActor);

    /// <summary>Messages received but not yet expected.</summary>
    public int QueuedMessageCount => _queue.Count + (_pushedBack is null ? 0 : 1);

    /// <summary>Takes the next message within <paramref name="max"/>, or returns false.</summary>
    public bool TryReceiveOne(out Envelope envelope, TimeSpan max)
    {
        if (_pushedBack is { } head)
        {
            _pushedBack = null;
            envelope = head;
            _lastSender = envelope.Sender;
            return true;
        }
        var wait = max < TimeSpan.Zero ? TimeSpan.Zero : max;
        if (!_queue.TryTake(out envelope, wait)) return false;
        _lastSender = envelope.Sender;
        return true;
    }

    /// <summary>The next message within the remaining time, or null.</summary>
    private void PushBack(Envelope envelope) => _pushedBack = envelope;

    public object? ReceiveOne(TimeSpan? max = null) => TryReceiveOne(out var e, RemainingOrDilated(max)) ? e.Message : null;
}
