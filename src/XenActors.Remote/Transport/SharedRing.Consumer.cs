namespace XenActors.Remote.Transport;

internal sealed unsafe partial class SharedRing
{
    /// <summary>True when the producer has published bytes not yet read (a memory read: what a busy poll asks).</summary>
    public bool HasData
    {
        get
        {
            using var _ = Use();
            return ReadProducer() != _consumed;
        }
    }

    /// <summary>Copies up to <paramref name="into"/>'s length of what was published, frees it for the producer; returns how much.</summary>
    public int Read(Span<byte> into)
    {
        using var _ = Use();
        var n = (int)Math.Min(ReadProducer() - _consumed, into.Length);
        if (n == 0) return 0;
        var at = (int)(_consumed & _mask);
        var first = Math.Min(n, Capacity - at);
        new ReadOnlySpan<byte>(_base + HeaderSize + at, first).CopyTo(into);
        if (n > first) new ReadOnlySpan<byte>(_base + HeaderSize, n - first).CopyTo(into[first..]);
        _consumed += n;
        Volatile.Write(ref Cell(ConsumerOffset), _consumed);
        return n;
    }

    /// <summary>
    /// Says whether the consumer is about to block on the socket (true) or awake (false). Setting it is a full
    /// fence, so a <see cref="HasData"/> after it sees any bytes published before the producer read the flag.
    /// </summary>
    public void SetSleeping(bool sleeping)
    {
        using var _ = Use();
        Interlocked.Exchange(ref Flag, sleeping ? 1 : 0);
    }

    /// <summary>The producer's index, checked: it only moves forward, and never more than a ring ahead of the consumer.</summary>
    private long ReadProducer()
    {
        var produced = ReadIndex(ProducerOffset);
        if (produced < _consumed || produced - _consumed > Capacity)
        {
            throw new InvalidDataException($"the peer set the shared ring's producer index to {produced}, outside {_consumed}-{_consumed + Capacity}: the ring cannot be trusted any more");
        }
        return produced;
    }
}
