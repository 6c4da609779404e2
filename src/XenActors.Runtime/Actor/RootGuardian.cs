namespace XenActors.Actor;

/// <summary>
/// The root of the tree. When <c>/user</c> has stopped it stops <c>/system</c>, then itself: user actors always
/// stop before the services they use.
/// </summary>
internal sealed class RootGuardian : ActorBase
{
    protected override void PreStart()
    {
        Context.Watch(Context.Child("user")!);
        Context.Watch(Context.Child("system")!);
    }

    protected internal override bool Receive(object message)
    {
        if (message is not Terminated terminated) return false;
        if (terminated.ActorRef.Path.Name == "user") Context.Stop(Context.Child("system") ?? Self);
        else if (terminated.ActorRef.Path.Name == "system") Context.Stop(Self);
        return true;
    }

    protected override SupervisorStrategy SupervisorStrategy() => XenActors.Actor.SupervisorStrategy.StoppingStrategy;
}
