using System.IO.MemoryMappedFiles;
using FsCheck;
using FsCheck.Fluent;
using XenActors.Remote.Transport;

namespace XenActors.Remote.Tests.Transport;

/// <summary>
/// The shared-memory ring (<see cref="SharedRing"/>): a byte stream that wraps around, wakes a consumer that sleeps on
/// its futex and never loses that wake-up, and treats everything the other side wrote (the name, the header, both indexes) as untrusted input.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SharedRingSpec : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xa-rings-").FullName;
    private readonly List<MemoryMappedFile> _evil = [];

    public void Dispose()
    {
        foreach (var file in _evil) file.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private (SharedRing Consumer, SharedRing Producer) Pair(int capacity = 4096)
    {
        var consumer = SharedRing.Create(_dir, capacity);
        return (consumer, SharedRing.Open(_dir, consumer.Name));
    }

    [Fact]
    public void Must_give_back_the_stream_written_in_any_chunks_across_the_wrap()
    {
        Prop.ForAll(Gen.Choose(1, 3000).ArrayOf().ToArbitrary(), Gen.Choose(1, 5000).ArrayOf().ToArbitrary(), (writes, reads) =>
        {
            var (consumer, producer) = Pair();
            using (consumer)
            using (producer)
            {
                var sent = new List<byte>();
                var got = new List<byte>();
                var next = (byte)0;
                var r = 0;
                foreach (var size in writes)
                {
                    var chunk = new byte[size];
                    for (var k = 0; k < size; k++) chunk[k] = next++;
                    var span = chunk.AsSpan();
                    while (span.Length > 0)
                    {
                        var n = producer.Write(span);
                        sent.AddRange(span[..n].ToArray());
                        span = span[n..];
                        // Full: the consumer takes a chunk of its own size, as it would on its thread.
                        if (n == 0) got.AddRange(Take(consumer, reads.Length == 0 ? 4096 : reads[r++ % reads.Length]));
                    }
                }
                got.AddRange(Take(consumer, 4096));
                return sent.SequenceEqual(got) && !consumer.HasData && producer.FreeBytes == 4096;
            }
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] Take(SharedRing consumer, int size)
    {
        var buffer = new byte[size];
        return buffer[..consumer.Read(buffer)];
    }

    [Fact]
    public void Must_not_let_the_consumer_sleep_on_bytes_published_before_it_raised_its_flag()
    {
        var (consumer, producer) = Pair();
        using var c = consumer;
        using var p = producer;

        producer.Write([1]);

        Assert.False(consumer.PrepareToSleep());
        Assert.Equal([1], Take(consumer, 10));
        Assert.True(consumer.PrepareToSleep());
    }

    /// <summary>Longer than any spec waits: a sleeper that returns was woken, not timed out.</summary>
    private static readonly TimeSpan Forever = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runs <see cref="SharedRing.Sleep"/> on a thread of its own and returns once the kernel has that thread asleep in a
    /// futex: from then on only a wake-up ends the sleep, whatever the flag holds.
    /// </summary>
    private static Task Asleep(SharedRing consumer)
    {
        var name = "sleeper-" + Guid.NewGuid().ToString("N")[..7]; // the thread's comm: 15 characters at most
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            consumer.Sleep(Forever);
            woken.SetResult();
        })
        { IsBackground = true, Name = name }.Start();
        Assert.True(SpinWait.SpinUntil(() => BlockedInFutex(name), TimeSpan.FromSeconds(10)), $"{name} never slept in a futex");
        return woken.Task;
    }

    private static bool BlockedInFutex(string comm)
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != comm) continue;
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                return stat[stat.LastIndexOf(')') + 2] == 'S' && File.ReadAllText(Path.Combine(task, "wchan")).Contains("futex", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return false;
    }

    [Fact]
    public async Task Must_wake_a_consumer_that_sleeps_when_the_producer_publishes()
    {
        var (consumer, producer) = Pair();
        using var c = consumer;
        using var p = producer;
        Assert.True(consumer.PrepareToSleep());
        var sleeper = Asleep(consumer);

        producer.Write([7]);

        await sleeper.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([7], Take(consumer, 10));
    }

    [Fact]
    public async Task Must_wake_a_consumer_that_sleeps_when_its_ring_is_closed_here()
    {
        var (consumer, producer) = Pair();
        using var p = producer;
        Assert.True(consumer.PrepareToSleep());
        var sleeper = Asleep(consumer);

        consumer.Dispose();

        await sleeper.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Must_wake_a_consumer_on_a_close_here_even_when_the_producer_lowered_the_flag_without_waking_it()
    {
        var consumer = SharedRing.Create(_dir, 4096);
        using var c = consumer;
        using var header = Evil(consumer.Name);
        Assert.True(consumer.PrepareToSleep());
        var sleeper = Asleep(consumer);

        header.Write(128, 0); // the producer lowered the flag, then died before its wake call
        consumer.WakeConsumer(); // what the close of its socket does

        await sleeper.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Must_not_sleep_on_a_ring_already_closed()
    {
        var (consumer, producer) = Pair();
        using var p = producer;
        consumer.Dispose();

        consumer.Sleep(Forever);
    }

    [Fact]
    public async Task Must_never_lose_a_wake_up_between_a_producer_and_a_consumer_that_sleeps_whenever_it_is_empty()
    {
        var (consumer, producer) = Pair();
        using var c = consumer;
        using var p = producer;
        const int Messages = 20_000;
        var got = new List<byte>(Messages);

        // The consumer sleeps every time it finds the ring empty; a lost wake-up leaves it asleep and the wait fails.
        var reader = Task.Factory.StartNew(() =>
        {
            var buffer = new byte[64];
            while (got.Count < Messages)
            {
                var n = consumer.Read(buffer);
                if (n > 0) got.AddRange(buffer[..n]);
                else if (consumer.PrepareToSleep()) consumer.Sleep(Forever);
            }
        }, TaskCreationOptions.LongRunning);
        var writer = Task.Factory.StartNew(() =>
        {
            for (var k = 0; k < Messages; k++)
            {
                while (producer.Write([(byte)k]) == 0) Thread.Yield();
                if (k % 7 == 0) Thread.Yield(); // let the consumer catch up and fall asleep now and then
            }
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll(writer, reader).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(0, Messages).Select(k => (byte)k), got);
    }

    [Fact]
    public void Must_unlink_the_file_once_the_producer_holds_it()
    {
        var (consumer, producer) = Pair();
        using var c = consumer;
        using var p = producer;

        Assert.False(File.Exists(Path.Combine(_dir, consumer.Name)));
    }

    [Theory]
    [InlineData("../../etc/passwd", "is not a ring name")]
    [InlineData("xenactors-ring-0123456789abcdef0123456789abcdef", "no ring file")]
    [InlineData("XENACTORS-RING-0123456789ABCDEF0123456789ABCDEF", "is not a ring name")]
    public void Must_refuse_to_open_a_name_that_is_no_ring(string name, string error)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SharedRing.Open(_dir, name));

        Assert.Contains(error, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_refuse_to_open_a_file_without_a_ring_header_and_leave_it_there()
    {
        var name = "xenactors-ring-" + new string('a', 32);
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, new byte[256 + 4096]);

        var ex = Assert.Throws<InvalidDataException>(() => SharedRing.Open(_dir, name));

        Assert.Contains("no valid ring header", ex.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Must_sweep_only_ring_files_older_than_the_age_given()
    {
        var old = Path.Combine(_dir, "xenactors-ring-" + new string('c', 32));
        var other = Path.Combine(_dir, "xenactors-ring-notes.txt");
        File.WriteAllBytes(old, []);
        File.WriteAllBytes(other, []);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddHours(-1));
        var fresh = SharedRing.Create(_dir, 4096);
        using var f = fresh;

        var swept = SharedRing.SweepStale(_dir, TimeSpan.FromMinutes(10));

        Assert.Equal(1, swept);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(other) && File.Exists(Path.Combine(_dir, fresh.Name)));
    }

    [Fact]
    public void Must_refuse_to_open_a_link()
    {
        var consumer = SharedRing.Create(_dir, 4096);
        using var c = consumer;
        var link = "xenactors-ring-" + new string('b', 32);
        File.CreateSymbolicLink(Path.Combine(_dir, link), Path.Combine(_dir, consumer.Name));

        var ex = Assert.Throws<InvalidDataException>(() => SharedRing.Open(_dir, link));

        Assert.Contains("is a link", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, 8192L)]   // the producer index a ring and more ahead of the consumer
    [InlineData(0L, -1L)]     // the producer index moved back
    public void Must_refuse_a_producer_index_the_producer_could_not_have_written(long consumed, long produced)
    {
        var consumer = SharedRing.Create(_dir, 4096);
        using var c = consumer;
        using var evil = Evil(consumer.Name);

        evil.Write(0, produced);
        evil.Write(64, consumed);

        var ex = Assert.Throws<InvalidDataException>(() => consumer.Read(new byte[16]));
        Assert.Contains("producer index", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => consumer.HasData);
    }

    [Fact]
    public void Must_refuse_a_consumer_index_the_consumer_could_not_have_written()
    {
        var consumer = SharedRing.Create(_dir, 4096);
        using var c = consumer;
        using var evil = Evil(consumer.Name);
        using var producer = SharedRing.Open(_dir, consumer.Name);
        producer.Write(new byte[100]);

        evil.Write(64, 500L); // past what was produced

        var ex = Assert.Throws<InvalidDataException>(() => producer.Write(new byte[1]));
        Assert.Contains("consumer index to 500, outside 0-100", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A second mapping of the ring's header, as a misbehaving peer holds it.</summary>
    private MemoryMappedViewAccessor Evil(string name)
    {
        var file = MemoryMappedFile.CreateFromFile(Path.Combine(_dir, name), FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        _evil.Add(file);
        return file.CreateViewAccessor(0, 256);
    }
}
