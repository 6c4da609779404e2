namespace XenActors.Xen.Store;

/// <summary>
/// Where the core delivers what a connection did not ask for. Called on the core's single thread,
/// after the reply of the request that caused it has been built: a sink for the requesting
/// connection must queue events behind that reply.
/// </summary>
public interface IXsConnectionSink
{
    /// <summary>A watch fired: send WATCH_EVENT "path\0token\0" with req_id 0.</summary>
    void WatchEvent(XsConnection connection, string path, string token);

    /// <summary>The connection's domain was RELEASEd: its watches and transactions are gone; close it.</summary>
    void Released(XsConnection connection);
}
