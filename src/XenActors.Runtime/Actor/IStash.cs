namespace XenActors.Actor;

/// <summary>Sets messages aside for later (Akka's IStash).</summary>
public interface IStash
{
    /// <summary>Sets the current message aside.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    void UnstashAll(Func<Envelope, bool> predicate);

    /// <summary>Empties the stash and returns what was in it.</summary>
    IEnumerable<Envelope> ClearStash();

    int Count { get; }
}
