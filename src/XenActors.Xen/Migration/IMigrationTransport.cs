namespace XenActors.Xen.Migration;

/// <summary>
/// The wire from the source's relocation client to the destination's relocation server (in Xen: a TCP
/// connection to xend port 8002). Records arrive in order. Implementations may be slow (throttled),
/// fail, or partition; they report that through the outcome, never by throwing.
/// </summary>
public interface IMigrationTransport
{
    /// <summary>
    /// Starts sending <paramref name="record"/>. <paramref name="completed"/> runs once, later, never inside
    /// this call: with the reply when the destination applied it, with a failure when the link broke.
    /// </summary>
    void Send(MigrationRecord record, Action<TransportOutcome> completed);

    /// <summary>Tears the connection down: the destination discards what it received. Pending sends never complete.</summary>
    void Abort(string reason);
}
