namespace XenActors.Remote.Transport;

internal sealed unsafe partial class SharedRing
{
    /// <summary>Bytes the producer can write now without waiting for the consumer.</summary>
    public int FreeBytes
    {
        get
        {
            using var _ = Use();
            return Capacity - (int)(_produced - ReadConsumer());
        }
    }

    /// <summary>
    /// Copies as much of <paramref name="data"/> as fits and publishes it; returns how much. Then, as Xen's
    /// RING_PUSH_REQUESTS_AND_CHECK_NOTIFY, wakes the consumer if it sleeps: the index is published before the flag is
    /// read, and the consumer raises the flag before it reads the index, so one of the two always sees the other. Only
    /// the write that lowers the flag makes the syscall; the writes after it find the consumer already awake.
    /// </summary>
    public int Write(ReadOnlySpan<byte> data)
    {
        using var _ = Use();
        var free = Capacity - (int)(_produced - ReadConsumer());
        var n = Math.Min(free, data.Length);
        if (n == 0) return 0;
        var at = (int)(_produced & _mask);
        var first = Math.Min(n, Capacity - at);
        data[..first].CopyTo(new Span<byte>(_base + HeaderSize + at, first));
        if (n > first) data[first..n].CopyTo(new Span<byte>(_base + HeaderSize, n - first));
        _produced += n;
        Volatile.Write(ref Cell(ProducerOffset), _produced);
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref Flag) != 0 && Interlocked.CompareExchange(ref Flag, 0, 1) == 1) Futex.Wake(FlagAddress);
        return n;
    }

    /// <summary>The consumer's index, checked: it only moves forward, and never past what was produced.</summary>
    private long ReadConsumer()
    {
        var consumed = ReadIndex(ConsumerOffset);
        if (consumed < _consumed || consumed > _produced)
        {
            throw new InvalidDataException($"the peer set the shared ring's consumer index to {consumed}, outside {_consumed}-{_produced}: the ring cannot be trusted any more");
        }
        _consumed = consumed;
        return consumed;
    }
}
