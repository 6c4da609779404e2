using XenActors.Actor;

namespace XenActors.TestKit;

/// <summary>A stand-in actor for a test: receives, expects, replies and forwards (Akka's TestProbe).</summary>
public sealed class TestProbe : TestKitBase, ICanTell
{
    public TestProbe(ActorSystem system, TestKitSettings? settings = null, string? name = null)
        : base(system, settings, name is null ? null : name) { }

    public IActorRef Ref => TestActor;

    /// <summary>The sender of the last message this probe received.</summary>
    public IActorRef Sender => LastSender;

    /// <summary>Replies to the sender of the last message.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Sends <paramref name="message"/> on to <paramref name="target"/> keeping the last sender.</summary>
    public void Forward(IActorRef target, object message) => target.Tell(message, LastSender);

    public void Tell(object message, IActorRef? sender) => Ref.Tell(message, sender);

    public override string ToString() => $"TestProbe({Ref.Path})";
}
