using System.Net.Sockets;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Transport;

/// <summary>
/// The shared-memory rings of a connection between two nodes on one machine (<see cref="SharedRing"/>). Each side
/// moves its own sending direction: the receiver offers a ring it created (RingOffer), the sender maps it and, as the
/// writer token's holder, sends RingSwitch as its last frame on the socket; every byte after it goes through the
/// ring, and the receiver reads the ring from that frame on. The socket is left with the doorbells and the close.
/// </summary>
internal sealed partial class Connection
{
    private static readonly byte[] Doorbell = [0];
    private readonly byte[] _doorbells = new byte[64];
    private SharedRing? _offeredRing; // created for the peer to write into; ours to delete until it switches
    private SharedRing? _inRing;      // reader thread only
    private SharedRing? _outRing;     // the writer token's holder only
    private bool _inputSwitched;

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
        if (IsClosed) DisposeRings();
    }

    /// <summary>RingSwitch is sent (writer token's holder): what is flushed from now on goes to <paramref name="ring"/>.</summary>
    public void SwitchOutputToRing(SharedRing ring)
    {
        Volatile.Write(ref _outRing, ring);
        if (IsClosed) DisposeRings();
    }

    /// <summary>
    /// Waits for the ring to have bytes, and takes what it has: blocks on the socket only after saying so in the ring,
    /// and looking once more. False when the peer closed.
    /// </summary>
    private bool ReceiveFromRing(SharedRing ring, FrameBuffer frames)
    {
        while (true)
        {
            var n = ring.Read(frames.FreeSpace());
            if (n > 0)
            {
                frames.Advance(n);
                return true;
            }
            ring.SetSleeping(true);
            if (ring.HasData)
            {
                ring.SetSleeping(false);
                continue;
            }
            var rung = _socket.Receive(_doorbells, SocketFlags.None);
            ring.SetSleeping(false);
            if (rung > 0) continue;
            // Closed: what the peer wrote before it closed is still read (a Disassociate, most often).
            n = ring.Read(frames.FreeSpace());
            frames.Advance(n);
            return n > 0;
        }
    }

    /// <summary>Copies everything into the ring, ringing the doorbell when the peer sleeps; waits while the ring is full.</summary>
    private void WriteToRing(SharedRing ring, ReadOnlySpan<byte> span)
    {
        while (span.Length > 0)
        {
            var n = ring.Write(span, out var notify);
            if (notify) _socket.Send(Doorbell);
            if (n > 0)
            {
                span = span[n..];
                continue;
            }
            // Full: the peer is behind (it was woken above if it slept). Only the writer loop's own thread waits here:
            // an inline write first checks that it fits (CanSendNow).
            ObjectDisposedException.ThrowIf(IsClosed, this);
            Thread.Sleep(1);
        }
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
