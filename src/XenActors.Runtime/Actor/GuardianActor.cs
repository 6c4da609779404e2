namespace XenActors.Actor;

/// <summary>The <c>/user</c> and <c>/system</c> guardians: parents only, with the default (restarting) strategy.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => false;
}
