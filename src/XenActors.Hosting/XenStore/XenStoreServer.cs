using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using XenActors.Xen.Store;
using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Hosting.XenStore;

/// <summary>
/// xenstored on a unix socket. Many clients are served concurrently while the single-threaded
/// <see cref="XenStoreCore"/> is entered under one lock: a request's handling is microseconds, so a
/// lock beats a channel hop (one fewer thread switch per request) and keeps replies in order.
/// </summary>
public sealed class XenStoreServer : IAsyncDisposable
{
    private readonly XenStoreServerOptions _options;
    private readonly ILogger _logger;
    private readonly SharedXenStore _store;
    private readonly List<XenStoreSocketConnection> _dirty = [];
    private readonly List<XenStoreSocketConnection> _toFlush = [];
    private readonly HashSet<XenStoreSocketConnection> _live = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private XsConnection? _setup;
    private XenStoreSocketConnection? _processing;
    private int _toFlushCount;
    private int _dedicated;

    // A receive loop needs little stack; the default 8 MiB reservation per thread is waste.
    private const int DedicatedStackSize = 256 * 1024;

    public XenStoreServer(XenStoreServerOptions options, ILogger<XenStoreServer> logger)
        : this(options, logger, new SharedXenStore(new XenStoreCore(options.Quotas)))
    {
    }

    /// <summary>
    /// Serves <paramref name="store"/>, which the host's XenStore actor may share: both enter the core
    /// under its lock, and watch events the actor's calls cause for socket clients are flushed here.
    /// </summary>
    public XenStoreServer(XenStoreServerOptions options, ILogger<XenStoreServer> logger, SharedXenStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _options = options;
        _logger = logger;
        _store = store;
        Core.Log ??= line => logger.LogInformation("control print: {Line}", line);
        store.AddAfterCall(AfterCoreCall);
    }

    /// <summary>The store; touch it only through <see cref="WithCore{T}"/> once the server runs.</summary>
    public XenStoreCore Core => _store.Core;

    /// <summary>The lock-guarded core this server serves.</summary>
    public SharedXenStore Store => _store;

    public int ClientCount => _store.Run(_ => _live.Count);

    /// <summary>Runs <paramref name="action"/> on the core under the server's lock (for in-process callers).</summary>
    public T WithCore<T>(Func<XenStoreCore, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _store.Run(action);
    }

    public void Start()
    {
        if (_options.GuestSocketPath is { } guestPath)
            PrepareGuestDomain();
        Listen(_options.SocketPath, domId: 0, privileged: true);
        if (_options.GuestSocketPath is { } gp)
            Listen(gp, _options.GuestDomId, privileged: false);
    }

    /// <summary>What a toolstack does before a guest talks to xenstored: introduce it and give it its home.</summary>
    private void PrepareGuestDomain() => _store.Run(_ => PrepareGuestDomainLocked());

    private void PrepareGuestDomainLocked()
    {
        var sink = new NullSink();
        _setup = Core.Connect(0, true, sink);
        var domId = _options.GuestDomId;
        Core.Introduce(_setup, domId, 0, 0);
        var home = XsPath.DomainPath(domId);
        Core.Mkdir(_setup, 0, home);
        Core.SetPerms(_setup, 0, home, [new XsPerm(domId, XsAccess.None), new XsPerm(0, XsAccess.Read)]);
    }

    private void Listen(string path, uint domId, bool privileged)
    {
        if (File.Exists(path))
            File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(_options.Backlog);
        _listeners.Add(listener);
        _acceptLoops.Add(Task.Run(() => AcceptLoop(listener, path, domId, privileged)));
        _logger.LogInformation("xenstored listening on {Path} as dom{DomId}{Privileged}", path, domId, privileged ? " (privileged)" : "");
    }

    private async Task AcceptLoop(Socket listener, string path, uint domId, bool privileged)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested)
                    return;
                _logger.LogWarning("accept on {Path} failed: {Error}", path, ex.Message);
                continue;
            }

            var conn = new XenStoreSocketConnection(this, client, _logger);
            _store.Run(core =>
            {
                conn.Connection = core.Connect(domId, privileged, conn);
                _live.Add(conn);
            });
            _logger.LogDebug("{Connection} connected on {Path}", conn.Connection, path);
            StartReceiving(conn);
        }
    }

    /// <summary>
    /// The first <see cref="XenStoreServerOptions.DedicatedThreads"/> concurrent clients get a thread
    /// blocking in recv (a round trip then costs two context switches, as with C xenstored); the rest
    /// share the thread pool, so a thousand clients do not mean a thousand threads.
    /// </summary>
    private void StartReceiving(XenStoreSocketConnection conn)
    {
        if (Interlocked.Increment(ref _dedicated) <= _options.DedicatedThreads)
        {
            var thread = new Thread(() =>
            {
                try
                {
                    conn.RunDedicated(_stop.Token);
                }
                finally
                {
                    Interlocked.Decrement(ref _dedicated);
                }
            }, DedicatedStackSize)
            {
                IsBackground = true,
                Name = "xenstored-conn",
            };
            thread.Start();
            return;
        }
        Interlocked.Decrement(ref _dedicated);
        _ = Task.Run(() => conn.RunAsync(_stop.Token));
    }

    /// <summary>
    /// Every whole request at the front of <paramref name="input"/>, under one acquisition of the core
    /// lock: each is handled and its reply queued in order. Returns why it stopped and the bytes used.
    /// </summary>
    internal (XsFrameStatus Status, int Consumed) ProcessBatch(XenStoreSocketConnection connection, ReadOnlyMemory<byte> input) =>
        _store.Run((Server: this, Connection: connection, Input: input), static (core, s) => s.Server.ProcessLocked(core, s.Connection, s.Input));

    private (XsFrameStatus, int) ProcessLocked(XenStoreCore core, XenStoreSocketConnection connection, ReadOnlyMemory<byte> input)
    {
        _processing = connection;
        var consumed = 0;
        XsFrameStatus status;
        while ((status = XsWireCodec.TryReadInPlace(input[consumed..], out var message, out var used)) == XsFrameStatus.Complete)
        {
            connection.AppendReply(core.Handle(connection.Connection, message));
            consumed += used;
        }
        return (status, consumed);
    }

    /// <summary>
    /// Core lock held, after any call (a socket request or the actor's): queue the events it caused
    /// behind what each connection already has. The requester flushes itself; others are flushed by
    /// the requesting socket loop, or here at once when the call came from the actor.
    /// </summary>
    private void AfterCoreCall()
    {
        var requester = _processing;
        _processing = null;
        if (_dirty.Count == 0)
            return;
        foreach (var d in _dirty)
        {
            d.MoveEventsToOutput();
            if (requester is null)
                d.ScheduleFlush();
            else if (!ReferenceEquals(d, requester) && !_toFlush.Contains(d))
                _toFlush.Add(d);
        }
        _dirty.Clear();
        Volatile.Write(ref _toFlushCount, _toFlush.Count);
    }

    /// <summary>Core lock held (called from the sink).</summary>
    internal void MarkDirty(XenStoreSocketConnection connection)
    {
        if (!_dirty.Contains(connection))
            _dirty.Add(connection);
    }

    /// <summary>
    /// Sends the events other connections received from requests of this loop. The count is read
    /// without the lock: a loop always sees what its own batch queued, and whatever another loop queued
    /// that loop flushes itself.
    /// </summary>
    internal void FlushOthers()
    {
        if (Volatile.Read(ref _toFlushCount) == 0)
            return;
        var targets = _store.Run(this, static (_, server) => server.TakeToFlushLocked());
        foreach (var t in targets)
            _ = t.FlushAsync();
    }

    private XenStoreSocketConnection[] TakeToFlushLocked()
    {
        if (_toFlush.Count == 0)
            return [];
        XenStoreSocketConnection[] all = [.. _toFlush];
        _toFlush.Clear();
        _toFlushCount = 0;
        return all;
    }

    internal void Disconnected(XenStoreSocketConnection connection)
    {
        _store.Run(core =>
        {
            core.Disconnect(connection.Connection);
            _live.Remove(connection);
        });
        _logger.LogDebug("{Connection} disconnected", connection.Connection);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var l in _listeners)
            l.Dispose();
        foreach (var c in _store.Run(this, static (_, server) => server._live.ToArray()))
            c.Abort();
        try
        {
            await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var path in new[] { _options.SocketPath, _options.GuestSocketPath })
        {
            if (path is not null && File.Exists(path))
                File.Delete(path);
        }
        _stop.Dispose();
        _logger.LogInformation("xenstored stopped");
    }

    private sealed class NullSink : IXsConnectionSink
    {
        public void WatchEvent(XsConnection connection, string path, string token)
        {
        }

        public void Released(XsConnection connection)
        {
        }
    }
}
