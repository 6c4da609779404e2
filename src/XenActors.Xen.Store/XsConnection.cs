namespace XenActors.Xen.Store;

/// <summary>
/// One client of the store: a socket client (dom0, privileged) or a domain's ring. Owns its watches
/// and transactions; only the core mutates it, on the core's thread.
/// </summary>
public sealed class XsConnection
{
    internal XsConnection(long id, uint domId, bool privileged, IXsConnectionSink sink)
    {
        Id = id;
        DomId = domId;
        Privileged = privileged;
        Sink = sink;
    }

    /// <summary>Unique per core, for logs.</summary>
    public long Id { get; }

    public uint DomId { get; }

    public bool Privileged { get; }

    public IXsConnectionSink Sink { get; }

    /// <summary>False once disconnected or released; further requests are refused.</summary>
    public bool IsOpen { get; internal set; } = true;

    public int WatchCount => Watches.Count;

    public int TransactionCount => Transactions.Count;

    internal List<XsWatch> Watches { get; } = [];

    internal Dictionary<uint, XsTransaction> Transactions { get; } = [];

    internal uint NextTransactionId { get; set; } = 1;

    public override string ToString() => $"conn#{Id}(dom{DomId}{(Privileged ? ",priv" : "")})";
}
