namespace XenActors.Actor;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; go on with the next message.</summary>
    Resume,

    /// <summary>Replace the actor instance; the mailbox is kept.</summary>
    Restart,

    /// <summary>Let the supervisor fail with the same exception.</summary>
    Escalate,

    /// <summary>Stop the child.</summary>
    Stop,
}
