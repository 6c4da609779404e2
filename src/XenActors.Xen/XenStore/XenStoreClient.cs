using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.XenStore;

/// <summary>
/// What a driver or the toolstack uses to talk to the XenStore actor as domain <see cref="DomId"/>:
/// Ask-based, so it must be awaited inside a ReceiveAsync handler (or outside actors). Watch events
/// go to <see cref="Owner"/> as <see cref="XsWatchEvent"/> messages.
/// </summary>
public sealed class XenStoreClient
{
    private readonly IActorRef _store;
    private readonly TimeSpan _timeout;

    public XenStoreClient(IActorRef store, uint domId, IActorRef owner, TimeSpan? timeout = null)
    {
        _store = store;
        DomId = domId;
        Owner = owner;
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
    }

    public uint DomId { get; }

    public IActorRef Owner { get; }

    public IActorRef Store => _store;

    private volatile bool _closed;

    /// <summary>
    /// The owner is gone (its driver unbound): nothing more goes to the store on its behalf. A request
    /// made afterwards (an await that resumed after the owner stopped) fails with
    /// <see cref="OperationCanceledException"/> instead of writing into a directory that may already
    /// belong to the next device.
    /// </summary>
    public void Close() => _closed = true;

    public bool IsClosed => _closed;

    public Task<XsResult> SendAsync(XsRequest request) =>
        _closed
            ? Task.FromException<XsResult>(new OperationCanceledException($"store connection of {Owner.Path} is closed"))
            : _store.Ask<XsResult>(request, _timeout);

    public Task<XsResult> ReadAsync(string path, uint tx = 0) => SendAsync(new XsRead(Owner, DomId, path, tx));

    /// <summary>The value, or null if the node is missing or unreadable (as xenbus_read's ERR_PTR callers treat it).</summary>
    public async Task<string?> TryReadAsync(string path, uint tx = 0)
    {
        var r = await ReadAsync(path, tx).ConfigureAwait(true);
        return r.IsOk ? r.Value : null;
    }

    public Task<XsResult> WriteAsync(string path, string value, uint tx = 0) => SendAsync(new XsWrite(Owner, DomId, path, value, tx));

    public Task<XsResult> MkdirAsync(string path, uint tx = 0) => SendAsync(new XsMkdir(Owner, DomId, path, tx));

    public Task<XsResult> RmAsync(string path, uint tx = 0) => SendAsync(new XsRm(Owner, DomId, path, tx));

    public Task<XsResult> DirectoryAsync(string path, uint tx = 0) => SendAsync(new XsDirectory(Owner, DomId, path, tx));

    public Task<XsResult> SetPermsAsync(string path, IReadOnlyList<string> perms, uint tx = 0) => SendAsync(new XsSetPerms(Owner, DomId, path, perms, tx));

    public Task<XsResult> WatchAsync(string path, string token) => SendAsync(new XsWatch(Owner, DomId, path, token));

    public Task<XsResult> UnwatchAsync(string path, string token) => SendAsync(new XsUnwatch(Owner, DomId, path, token));

    /// <summary>
    /// Runs <paramref name="body"/> in a transaction and commits; on EAGAIN the whole body runs again,
    /// as every xenbus client loops (xenbus_switch_state, pcifront's publish). The body returns false to
    /// abort (nothing is written). Any other failure comes back as the result.
    /// </summary>
    public async Task<XsResult> TransactionAsync(Func<uint, Task<bool>> body, int maxAttempts = 100)
    {
        ArgumentNullException.ThrowIfNull(body);
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            var start = await SendAsync(new XsTransactionStart(Owner, DomId)).ConfigureAwait(true);
            if (!start.IsOk)
                return start;
            var tx = uint.Parse(start.Value, CultureInfo.InvariantCulture);
            bool commit;
            try
            {
                commit = await body(tx).ConfigureAwait(true);
            }
            catch
            {
                await SendAsync(new XsTransactionEnd(Owner, DomId, tx, false)).ConfigureAwait(true);
                throw;
            }
            var end = await SendAsync(new XsTransactionEnd(Owner, DomId, tx, commit)).ConfigureAwait(true);
            if (end.Error != XsdError.EAGAIN)
                return end;
        }
        return XsResult.Fail(XsdError.EAGAIN);
    }

    /// <summary>Writes all <paramref name="values"/> in one transaction (retried on EAGAIN).</summary>
    public Task<XsResult> WriteTransactionAsync(IEnumerable<KeyValuePair<string, string>> values)
    {
        var list = values.ToList();
        return TransactionAsync(async tx =>
        {
            foreach (var (path, value) in list)
            {
                var r = await WriteAsync(path, value, tx).ConfigureAwait(true);
                if (!r.IsOk)
                    throw new XenStoreException($"write {path}", r.Error);
            }
            return true;
        });
    }
}
