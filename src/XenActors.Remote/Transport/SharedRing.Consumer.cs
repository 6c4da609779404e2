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
    /// Says the consumer is about to sleep, as Xen's req_event: raises the flag the producer reads after it publishes,
    /// then looks once more (a full fence between), so bytes published before the producer read the flag are seen here.
    /// False, and the flag is down again, when something arrived: read it instead of sleeping.
    /// </summary>
    public bool PrepareToSleep()
    {
        using var _ = Use();
        Interlocked.Exchange(ref Flag, 1);
        if (ReadProducer() == _consumed) return true;
        Interlocked.Exchange(ref Flag, 0);
        return false;
    }

    /// <summary>Takes back a <see cref="PrepareToSleep"/> (the connection is closing): awake again, no wait.</summary>
    public void StayAwake()
    {
        using var _ = Use();
        Interlocked.Exchange(ref Flag, 0);
    }

    /// <summary>
    /// Sleeps after <see cref="PrepareToSleep"/> until the producer publishes more (it lowers the flag and wakes us),
    /// <see cref="WakeConsumer"/> is called here, or <paramref name="bound"/> passes; may also return early, and returns
    /// at once on a ring already closed. The caller reads the ring after either way.
    /// </summary>
    public void Sleep(TimeSpan bound)
    {
        try
        {
            using var _ = Use();
            Futex.Wait(FlagAddress, 1, bound);
            Interlocked.Exchange(ref Flag, 0);
        }
        catch (ObjectDisposedException)
        {
            // Closed before the sleep began: nothing to wait for.
        }
    }

    /// <summary>
    /// Wakes a consumer sleeping in <see cref="Sleep"/> from its own process (its connection closed): always, for the
    /// flag may already be down (the producer lowers it before its wake call). Nothing once the ring is unmapped.
    /// </summary>
    public void WakeConsumer()
    {
        try
        {
            using var _ = Use();
            Interlocked.Exchange(ref Flag, 0);
            Futex.Wake(FlagAddress);
        }
        catch (ObjectDisposedException)
        {
            // Unmapped meanwhile: whoever slept on it already left (a sleeper holds the mapping).
        }
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
