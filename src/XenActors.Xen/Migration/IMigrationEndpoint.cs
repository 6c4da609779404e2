namespace XenActors.Xen.Migration;

/// <summary>The destination end of a relocation connection, as a transport delivers to it.</summary>
public interface IMigrationEndpoint
{
    MigrationReply Receive(MigrationRecord record);

    /// <summary>The connection broke or was aborted before the commit: throw away the half-built domain.</summary>
    void ConnectionLost(string reason);
}
