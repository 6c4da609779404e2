using System.IO.MemoryMappedFiles;
using FsCheck;
using FsCheck.Fluent;
using XenActors.Remote.Transport;

namespace XenActors.Remote.Tests.Transport;

/// <summary>
/// The shared-memory ring (<see cref="SharedRing"/>): a byte stream that wraps around, says when the consumer must be
/// woken, and treats everything the other side wrote (the name, the header, both indexes) as untrusted input.
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
                        var n = producer.Write(span, out _);
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
    public void Must_ask_for_a_wake_up_only_while_the_consumer_sleeps()
    {
        var (consumer, producer) = Pair();
        using var c = consumer;
        using var p = producer;

        producer.Write([1], out var awake);
        consumer.SetSleeping(true);
        producer.Write([2], out var asleep);
        consumer.SetSleeping(false);
        producer.Write([3], out var woken);

        Assert.Equal((false, true, false), (awake, asleep, woken));
        Assert.Equal([1, 2, 3], Take(consumer, 10));
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
        producer.Write(new byte[100], out _);

        evil.Write(64, 500L); // past what was produced

        var ex = Assert.Throws<InvalidDataException>(() => producer.Write(new byte[1], out _));
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
