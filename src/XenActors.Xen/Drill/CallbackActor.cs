using XenActors.Actor;

namespace XenActors.Xen.Drill;

/// <summary>A one-shot reply target: runs an action on the first message, on the dispatcher, then stops (an Ask without a Task).</summary>
internal sealed class CallbackActor : ReceiveActor
{
    public CallbackActor(Action<object> callback)
    {
        ReceiveAny(message =>
        {
            callback(message);
            Context.Stop(Self);
        });
    }
}
