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

    /// <summary>
    /// XenStore's pipelining: every request goes out back to back before any reply is awaited, as a client may keep
    /// several requests outstanding on its ring. The store handles one connection's requests in the order sent (one
    /// sender's tells to one ref stay in order, locally and across processes), so the store sees exactly the sequence
    /// awaiting each in turn would give; the results come back in that order. One round trip instead of one per request.
    /// Only for requests none of which depends on an earlier one's answer.
    /// </summary>
    public Task<XsResult[]> PipelineAsync(params IReadOnlyList<XsRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var sent = new Task<XsResult>[requests.Count];
        for (var i = 0; i < sent.Length; i++)
            sent[i] = SendAsync(requests[i]);
        return Task.WhenAll(sent);
    }

    /// <summary>Pipelined reads (<see cref="PipelineAsync"/>): each value, or null where the node is missing or unreadable.</summary>
    public async Task<string?[]> TryReadAllAsync(IEnumerable<string> paths, uint tx = 0)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = await PipelineAsync([.. paths.Select(p => Read(p, tx))]).ConfigureAwait(true);
        return [.. results.Select(r => r.IsOk ? r.Value : null)];
    }

    /// <summary>XS_READ on this connection, to send with <see cref="PipelineAsync"/>.</summary>
    public XsRead Read(string path, uint tx = 0) => new(Owner, DomId, path, tx);

    public XsWrite Write(string path, string value, uint tx = 0) => new(Owner, DomId, path, value, tx);

    public XsMkdir Mkdir(string path, uint tx = 0) => new(Owner, DomId, path, tx);

    public XsRm Rm(string path, uint tx = 0) => new(Owner, DomId, path, tx);

    public XsSetPerms SetPerms(string path, IReadOnlyList<string> perms, uint tx = 0) => new(Owner, DomId, path, perms, tx);

    public XsWatch Watch(string path, string token) => new(Owner, DomId, path, token);

    public Task<XsResult> ReadAsync(string path, uint tx = 0) => SendAsync(Read(path, tx));

    /// <summary>The value, or null if the node is missing or unreadable (as xenbus_read's ERR_PTR callers treat it).</summary>
    public async Task<string?> TryReadAsync(string path, uint tx = 0)
    {
        var r = await ReadAsync(path, tx).ConfigureAwait(true);
        return r.IsOk ? r.Value : null;
    }

    public Task<XsResult> WriteAsync(string path, string value, uint tx = 0) => SendAsync(Write(path, value, tx));

    public Task<XsResult> MkdirAsync(string path, uint tx = 0) => SendAsync(Mkdir(path, tx));

    public Task<XsResult> RmAsync(string path, uint tx = 0) => SendAsync(Rm(path, tx));

    public Task<XsResult> DirectoryAsync(string path, uint tx = 0) => SendAsync(new XsDirectory(Owner, DomId, path, tx));

    public Task<XsResult> SetPermsAsync(string path, IReadOnlyList<string> perms, uint tx = 0) => SendAsync(SetPerms(path, perms, tx));

    public Task<XsResult> WatchAsync(string path, string token) => SendAsync(Watch(path, token));

    public Task<XsResult> UnwatchAsync(string path, string token) => SendAsync(new XsUnwatch(Owner, DomId, path, token));

    /// <summary>
    /// Runs <paramref name="body"/> in a transaction and commits; on EAGAIN the whole body runs again,
    /// as every xenbus client loops (xenbus_switch_state, pcifront's publish). The body returns false to
    /// abort (nothing is written). Any other failure comes back as the result.
    /// </summary>
    public Task<XsResult> TransactionAsync(Func<uint, Task<bool>> body, int maxAttempts = 100) => TransactionAsync(body, begun: null, maxAttempts);

    /// <summary>
    /// <see cref="TransactionAsync(Func{uint, Task{bool}}, int)"/> whose first attempt runs in <paramref name="begun"/>, a
    /// transaction started early with <see cref="BeginTransaction"/> (a retry starts a fresh one).
    /// </summary>
    public async Task<XsResult> TransactionAsync(Func<uint, Task<bool>> body, Task<XsResult>? begun, int maxAttempts = 100)
    {
        ArgumentNullException.ThrowIfNull(body);
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            var start = await (attempt == 0 && begun is not null ? begun : SendAsync(new XsTransactionStart(Owner, DomId))).ConfigureAwait(true);
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

    /// <summary>
    /// XS_TRANSACTION_START, sent now: behind the requests this connection sent before it, so it shares their round trip
    /// instead of taking one of its own once they are answered. Run the transaction with
    /// <see cref="TransactionAsync(Func{uint, Task{bool}}, Task{XsResult}?, int)"/>, or <see cref="AbandonAsync"/> it when it is
    /// not needed after all: until either, it stays open on the store (and counts against the connection's quota).
    /// </summary>
    public Task<XsResult> BeginTransaction() => SendAsync(new XsTransactionStart(Owner, DomId));

    /// <summary>Ends a transaction begun with <see cref="BeginTransaction"/> and never used, without committing.</summary>
    public async Task AbandonAsync(Task<XsResult> begun)
    {
        ArgumentNullException.ThrowIfNull(begun);
        // A start that failed (or never got an answer) left nothing open to end.
        await ((Task)begun).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        if (!begun.IsCompletedSuccessfully)
            return;
        var start = begun.Result;
        if (start.IsOk && !_closed)
            await SendAsync(new XsTransactionEnd(Owner, DomId, uint.Parse(start.Value, CultureInfo.InvariantCulture), false)).ConfigureAwait(true);
    }

    /// <summary>
    /// Writes all <paramref name="values"/> in one transaction (retried on EAGAIN), the writes pipelined
    /// (<see cref="PipelineAsync"/>); a failed write aborts the transaction, so nothing is written.
    /// </summary>
    public Task<XsResult> WriteTransactionAsync(IEnumerable<KeyValuePair<string, string>> values)
    {
        var list = values.ToList();
        return TransactionAsync(tx => PipelineCheckedAsync([.. list.Select(kv => Write(kv.Key, kv.Value, tx))]));
    }

    /// <summary>
    /// A transaction body that sends <paramref name="requests"/> pipelined and commits only if every one succeeded: the
    /// first failure throws <see cref="XenStoreException"/>, which aborts the transaction (<see cref="TransactionAsync"/>).
    /// </summary>
    private async Task<bool> PipelineCheckedAsync(IReadOnlyList<XsRequest> requests)
    {
        var results = await PipelineAsync(requests).ConfigureAwait(true);
        for (var i = 0; i < results.Length; i++)
        {
            if (!results[i].IsOk)
                throw new XenStoreException(Describe(requests[i]), results[i].Error);
        }
        return true;
    }

    private static string Describe(XsRequest request) => request switch
    {
        XsWrite w => $"write {w.Path}",
        XsMkdir m => $"mkdir {m.Path}",
        XsRm r => $"rm {r.Path}",
        XsSetPerms p => $"set_perms {p.Path}",
        XsRead r => $"read {r.Path}",
        _ => request.GetType().Name,
    };
}
