namespace XenActors.Actor;

/// <summary>Stands in for an actor whose constructor threw, so that supervision can still act on the cell.</summary>
internal sealed class FailedActor : ActorBase
{
    private FailedActor() { }

    public static FailedActor Instance(ActorCell cell)
    {
        var previous = ActorCell.Current;
        ActorCell.SetCurrent(cell);
        try
        {
            return new FailedActor();
        }
        finally
        {
            ActorCell.SetCurrent(previous);
        }
    }

    protected internal override bool Receive(object message) => false;
}
