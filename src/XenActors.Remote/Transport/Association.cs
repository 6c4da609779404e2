using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using XenActors.Actor;
using XenActors.Event;

namespace XenActors.Remote.Transport;

/// <summary>
/// Everything this node has with one remote address: one bounded send queue drained by one writer loop, a sender
/// writing inline instead when the link is idle (one writer token between them, and never past a queued message, so
/// messages from one sender to one receiver stay in order), the one live connection, the peer's uid and when
/// it was last heard from. Formed lazily on the first send, as in Akka; reconnects with exponential backoff.
/// </summary>
internal sealed partial class Association : XenActors.Dispatch.IEndOfRunAction
{
    private readonly Remoting _remoting;
    private readonly Channel<Outbound> _queue;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Connection? _active;
    private bool _connectingOutbound;
    private long _lastHeard;
    private int _dropped;
    private long _bytesWritten;
    private Task? _writer;
    private readonly bool _inline;

    public Association(Remoting remoting, Address remote)
    {
        _remoting = remoting;
        Remote = remote;
        _queue = Channel.CreateBounded<Outbound>(new BoundedChannelOptions(remoting.Settings.OutboundQueueSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails and we drop to dead letters: Tell never blocks
        });
        _lastHeard = remoting.Time.GetTimestamp();
        _inline = remoting.Settings.InlineCrossings;
    }

    public Address Remote { get; }
    public long RemoteUid { get; private set; }
    public Connection? Active => Volatile.Read(ref _active);
    public long BytesWrittenTotal => Interlocked.Read(ref _bytesWritten);
    public TimeSpan SinceLastHeard => _remoting.Time.GetElapsedTime(Volatile.Read(ref _lastHeard));

    public void Touch() => Volatile.Write(ref _lastHeard, _remoting.Time.GetTimestamp());

    public void Start() => _writer = Task.Run(RunAsync);

    public void Enqueue(RemoteActorRef? recipient, object message, IActorRef? sender)
    {
        if (recipient is not null) _remoting.Trace?.Sent(Remote, message);
        var item = new Outbound(recipient, message, sender, _remoting.Time.GetTimestamp());
        if (recipient is not null && _inline && TryWriteInline(item)) return;
        if (_queue.Writer.TryWrite(item)) return;
        // Backpressure ends here: a peer that cannot keep up loses messages (at-most-once), never the sender's thread.
        var n = Interlocked.Increment(ref _dropped);
        if (n == 1 || n % 10_000 == 0)
        {
            _remoting.Log.Warning($"send queue to {Remote} is full ({_remoting.Settings.OutboundQueueSize}); {n} message(s) dropped to dead letters");
        }
        if (recipient is not null && message is not Dispatch.SysMsg.SystemMessage)
        {
            _remoting.System.DeadLetters.Tell(new DeadLetter(message, sender, recipient), sender);
        }
    }

    /// <summary>A handshake from this peer was accepted on <paramref name="connection"/>: decide whether it becomes the live one.</summary>
    public bool OfferInbound(Connection connection)
    {
        Connection? replaced = null;
        lock (_gate)
        {
            var current = _active;
            var sameIncarnation = current is not null && !current.IsClosed && current.RemoteUid == connection.RemoteUid;
            // One connection per node pair: when both sides dial at once, the one dialled by the lower address wins.
            var weWinTies = _remoting.Address.CompareTo(Remote) < 0;
            if ((sameIncarnation && !current!.Inbound && weWinTies) || (current is null && _connectingOutbound && weWinTies && RemoteUid == connection.RemoteUid))
            {
                return false;
            }
            replaced = current;
            SetActive(connection);
        }
        if (replaced is not null && !ReferenceEquals(replaced, connection)) replaced.Close();
        return true;
    }

    private bool OfferOutbound(Connection connection)
    {
        lock (_gate)
        {
            _connectingOutbound = false;
            var current = _active;
            if (current is not null && !current.IsClosed) return false;
            SetActive(connection);
            return true;
        }
    }

    private void SetActive(Connection connection)
    {
        if (RemoteUid != 0 && RemoteUid != connection.RemoteUid)
        {
            _remoting.OnNewIncarnation(Remote, RemoteUid, connection.RemoteUid);
        }
        RemoteUid = connection.RemoteUid;
        connection.Association = this;
        _active = connection;
        Touch();
        Signal();
        _remoting.OfferRing(this, connection);
    }

    public void OnClosed(Connection connection)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_active, connection)) return;
            _active = null;
            Signal();
        }
    }

    /// <summary>Forgets the peer's uid (after quarantine) so the next incarnation is not reported as new again.</summary>
    public void ForgetUid(long uid)
    {
        lock (_gate)
        {
            if (RemoteUid == uid) RemoteUid = 0;
        }
    }

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    /// <summary>Stops the writer after it has sent what is queued plus a Disassociate; waits at most <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, bool graceful)
    {
        if (graceful && Active is not null)
        {
            _queue.Writer.TryWrite(new Outbound(null, new ControlFrame(Wire.PduKind.Disassociate, Wire.DisassociateReason.ShuttingDown), null, 0));
        }
        _queue.Writer.TryComplete();
        if (graceful && _writer is not null)
        {
            try { await _writer.WaitAsync(grace).ConfigureAwait(false); } catch (TimeoutException) { }
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        Active?.Close();
    }

    private async Task RunAsync()
    {
        var backoff = _remoting.Settings.ReconnectMinBackoff;
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var connection = Active;
                if (connection is null)
                {
                    // Lazy: no connection until there is something to send.
                    if (!await _queue.Reader.WaitToReadAsync(token).ConfigureAwait(false)) return;
                    if (Active is not null) continue;
                    if (await TryConnectAsync(token).ConfigureAwait(false))
                    {
                        backoff = _remoting.Settings.ReconnectMinBackoff;
                        continue;
                    }
                    Task changed;
                    lock (_gate) changed = _changed.Task;
                    await Task.WhenAny(Task.Delay(backoff, _remoting.Time, token), changed).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _remoting.Settings.ReconnectMaxBackoff.Ticks));
                    continue;
                }
                if (!await WriteLoopAsync(connection).ConfigureAwait(false)) return;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            _remoting.Log.Error(ex, $"writer to {Remote} failed");
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken token)
    {
        if (_remoting.Faults.For(Remote).Severed || _remoting.IsShuttingDown) return false;
        lock (_gate) _connectingOutbound = true;
        Connection? connection = null;
        try
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(_remoting.Settings.HandshakeTimeout);
            try
            {
                // A blocking connect: the socket must never see an asynchronous operation (see Connection).
                var host = Remote.Host!;
                var port = Remote.Port!.Value;
                await Task.Run(() => socket.Connect(host, port), CancellationToken.None).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose(); // also ends a connect still blocked after a timeout
                throw;
            }
            connection = new Connection(socket, inbound: false) { RemoteAddress = Remote };
            _remoting.RunConnection(connection);
            connection.WriteFrameNow(_remoting.Handshakes.AssociatePdu(Remote.System).WrittenSpan);
            var accepted = await connection.Handshake.Task.WaitAsync(_remoting.Settings.HandshakeTimeout, _remoting.Time, token).ConfigureAwait(false);
            if (!accepted)
            {
                connection.Close();
                return false;
            }
            if (!OfferOutbound(connection))
            {
                connection.Close(); // an inbound connection from the peer won meanwhile
                return true;
            }
            _remoting.Published(new AssociatedEvent(Remote, connection.RemoteUid, Inbound: false));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            if (token.IsCancellationRequested) throw new OperationCanceledException(token);
            _remoting.Log.Debug($"association to {Remote} failed: {ex.Message}");
            connection?.Close();
            return false;
        }
        finally
        {
            lock (_gate) _connectingOutbound = false;
        }
    }
}
