using XenActors.Actor;

namespace XenActors.Runtime.Tests.Actor;

/// <summary>Small actors shared by the specs.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(m => Sender.Tell(m));
}

/// <summary>Reports lifecycle hooks to a probe and throws on "boom"; "state?" answers with a counter kept in the instance.</summary>
public sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private int _count;

    public LifecycleActor(IActorRef probe)
    {
        _probe = probe;
        Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
        Receive<string>(s => s == "argh", _ => throw new ArgumentException("argh"));
        Receive<string>(s => s == "state?", _ => Sender.Tell(_count));
        Receive<string>(s => s == "inc", _ => _count++);
        ReceiveAny(m => _probe.Tell(m));
    }

    protected override void PreStart() => _probe.Tell("preStart");
    protected override void PostStop() => _probe.Tell("postStop");
    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"preRestart:{reason.Message}:{message}");
        base.PreRestart(reason, message);
    }
    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"postRestart:{reason.Message}");
        base.PostRestart(reason);
    }
}

/// <summary>A parent that creates children on request with a given strategy.</summary>
public sealed class Supervisor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;

    public Supervisor(SupervisorStrategy strategy)
    {
        _strategy = strategy;
        Receive<Props>(p => Sender.Tell(Context.ActorOf(p)));
        Receive<(Props Props, string Name)>(p => Sender.Tell(Context.ActorOf(p.Props, p.Name)));
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}
