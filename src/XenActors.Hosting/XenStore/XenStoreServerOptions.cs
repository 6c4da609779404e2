using XenActors.Xen.Store.Model;

namespace XenActors.Hosting.XenStore;

/// <summary>How the unix-socket xenstored is exposed.</summary>
public sealed record XenStoreServerOptions
{
    /// <summary>The socket libxenstore finds through XENSTORED_PATH. Its clients are dom0, privileged.</summary>
    public required string SocketPath { get; init; }

    /// <summary>
    /// Optional second socket whose clients act as the unprivileged domain <see cref="GuestDomId"/>
    /// (the real tools cannot pretend to be a domU otherwise). The domain is introduced and
    /// /local/domain/&lt;id&gt; is created for it, owned by it, as a toolstack would.
    /// </summary>
    public string? GuestSocketPath { get; init; }

    public uint GuestDomId { get; init; } = 1;

    public XsQuotas Quotas { get; init; } = XsQuotas.Default;

    /// <summary>
    /// How many clients at a time get a receive thread of their own (fastest round trip); clients beyond
    /// that are served from the thread pool. 0 serves everyone from the pool.
    /// </summary>
    public int DedicatedThreads { get; init; } = 64;

    /// <summary>Listen backlog: large, so a burst of clients connecting at once is queued, not refused.</summary>
    public int Backlog { get; init; } = 4096;
}
