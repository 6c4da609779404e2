using System.Net.Sockets;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Transport;

/// <summary>
/// The shared-memory rings of a connection between two nodes on one machine (<see cref="SharedRing"/>). Each side
/// moves its own sending direction: the receiver offers a ring it created (RingOffer), the sender maps it and, as the
/// writer token's holder, sends RingSwitch as its last frame on the socket; every byte after it goes through the
/// ring, and the receiver reads the ring from that frame on. The socket is left with the close, which a receive
/// waiting on it hears (<see cref="WatchForPeerCloseAsync"/>): the wake-ups go through the ring's futex.
/// </summary>
internal sealed partial class Connection
{
    private SharedRing? _offeredRing; // created for the peer to write into; ours to delete until it switches
    private SharedRing? _inRing;      // reader thread only
    private SharedRing? _outRing;     // the writer token's holder only
    private bool _inputSwitched;

    /// <summary>
    /// How long a reader sleeps on its ring before it looks again at whether the connection closed. The close wakes it
    /// at once; the bound is for what the peer may leave in the shared flag (a producer that died between lowering it
    /// and waking us, or one that sets it at will), which must not keep a close from being noticed.
    /// </summary>
    private static readonly TimeSpan SleepBound = TimeSpan.FromSeconds(1);

    private volatile bool _peerClosed; // the socket ended after the input switched: the ring is read to its end
    private string? _outputBroken;     // why a write closed the connection: the peer broke the ring we write into

    /// <summary>The peer writes to us through a ring (the specs read it).</summary>
    internal bool ReceivesThroughRing => Volatile.Read(ref _inRing) is not null;

    /// <summary>We write to the peer through a ring (the specs read it).</summary>
    internal bool SendsThroughRing => Volatile.Read(ref _outRing) is not null;

    /// <summary>Creates the ring the peer should write into and returns its name for the RingOffer; null if one was offered.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public string? OfferRing(string directory, int capacity)
    {
        var ring = SharedRing.Create(directory, capacity);
        if (Interlocked.CompareExchange(ref _offeredRing, ring, null) is not null || IsClosed)
        {
            Forget(ring);
            if (IsClosed) DisposeRings();
            return null;
        }
        return ring.Name;
    }

    /// <summary>
    /// The peer's RingSwitch arrived (reader thread): the frames after it come through the ring we offered. Throws
    /// <see cref="MalformedPduException"/> when we offered none.
    /// </summary>
    public void SwitchInputToRing()
    {
        if (_inRing is not null) throw new MalformedPduException("a second RingSwitch");
        // The producer unlinked the file when it mapped it.
        var ring = Interlocked.Exchange(ref _offeredRing, null) ?? throw new MalformedPduException("RingSwitch without a ring offered");
        Volatile.Write(ref _inRing, ring);
        _inputSwitched = true;
        _ = WatchForPeerCloseAsync(ring);
        if (IsClosed) DisposeRings();
    }

    /// <summary>
    /// The peer sends nothing more on the socket once it writes to the ring, so a receive pending on it ends only with
    /// the connection: then the reader, asleep on the ring, is woken to read what is left and stop. A pending receive
    /// is the runtime's epoll, not a thread; it turns the socket non-blocking, which costs nothing now that the reader
    /// no longer receives on it.
    /// </summary>
    private async Task WatchForPeerCloseAsync(SharedRing ring)
    {
        var stray = new byte[64];
        try
        {
            // A peer writes nothing to the socket after its RingSwitch; anything that comes anyway is ignored.
            while (await _socket.ReceiveAsync(stray, SocketFlags.None).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        _peerClosed = true;
        ring.WakeConsumer();
    }

    /// <summary>RingSwitch is sent (writer token's holder): what is flushed from now on goes to <paramref name="ring"/>.</summary>
    public void SwitchOutputToRing(SharedRing ring)
    {
        Volatile.Write(ref _outRing, ring);
        if (IsClosed) DisposeRings();
    }

    /// <summary>
    /// Waits for the ring to have bytes, and takes what it has: sleeps only after saying so in the ring and looking
    /// once more. False when the connection ended and the ring is read to its end (what the peer wrote before it
    /// closed, a Disassociate most often, is still read).
    /// </summary>
    private bool ReceiveFromRing(SharedRing ring, FrameBuffer frames)
    {
        while (true)
        {
            // Looked at before the ring: once the peer's close is seen, everything it wrote before is in the ring.
            var ended = _peerClosed;
            var n = ring.Read(frames.FreeSpace());
            if (n > 0)
            {
                frames.Advance(n);
                return true;
            }
            ObjectDisposedException.ThrowIf(IsClosed, this);
            if (ended) return false;
            if (!ring.PrepareToSleep()) continue;
            // A close between the look above and the flag: its wake-up found no sleeper yet, so do not wait for one.
            if (_peerClosed || IsClosed)
            {
                ring.StayAwake();
                continue;
            }
            ring.Sleep(SleepBound);
        }
    }

    /// <summary>Copies everything into the ring (which wakes the peer if it sleeps); waits while the ring is full.</summary>
    private void WriteToRing(SharedRing ring, ReadOnlySpan<byte> span)
    {
        while (span.Length > 0)
        {
            int n;
            try
            {
                n = ring.Write(span);
            }
            catch (InvalidDataException ex)
            {
                throw OutputRingBroken(ex);
            }
            if (n > 0)
            {
                span = span[n..];
                continue;
            }
            // Full: the peer is behind (it was woken when the ring filled, if it slept). Only the writer loop's own
            // thread waits here: an inline write first checks that it fits (CanSendNow).
            ObjectDisposedException.ThrowIf(IsClosed, this);
            Thread.Sleep(1);
        }
    }

    /// <summary>What <see cref="CanSendNow"/> may write into the ring without waiting.</summary>
    private int FreeBytes(SharedRing ring)
    {
        try
        {
            return ring.FreeBytes;
        }
        catch (InvalidDataException ex)
        {
            throw OutputRingBroken(ex);
        }
    }

    /// <summary>
    /// The peer moved the consumer index of the ring we write into where it could not be: close the connection, which
    /// the reader then reports with this reason (logged as an error), and fail the write as any write to a closed
    /// connection fails, so the sender's caller (an actor's Tell, the writer loop) only sees the link go.
    /// </summary>
    private ObjectDisposedException OutputRingBroken(InvalidDataException ex)
    {
        Interlocked.CompareExchange(ref _outputBroken, $"{RingBroken}: {ex.Message}", null);
        Close();
        return new ObjectDisposedException(ToString(), ex.Message);
    }

    private void DisposeRings()
    {
        if (Interlocked.Exchange(ref _offeredRing, null) is { } offered) Forget(offered);
        Interlocked.Exchange(ref _inRing, null)?.Dispose();
        Interlocked.Exchange(ref _outRing, null)?.Dispose();
    }

    /// <summary>An offer no producer took: its file is ours to remove.</summary>
    private static void Forget(SharedRing ring)
    {
        SharedRing.TryDelete(ring.FilePath);
        ring.Dispose();
    }
}
