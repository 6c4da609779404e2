using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace XenActors.Remote.Transport;

/// <summary>
/// One direction of a connection between two nodes on the same machine: a single-producer single-consumer byte ring
/// in a shared file under <c>/dev/shm</c>, as Xen's own rings are a shared page (the xenstore ring, the pci-op page).
/// The stream the socket carried goes through it unchanged (length-prefixed frames). The event channel is a futex on
/// a flag in the shared page, raised by a consumer about to sleep (Xen's req_event) and lowered by the producer that
/// wakes it, so only a write to a sleeper makes a syscall; the socket is left with the close, which still tells that
/// the peer is gone. A send or a poll is then a memory access instead of a syscall, which costs ~1.2 µs on these VMs,
/// and a wake-up a futex instead of a loopback TCP segment.
/// </summary>
/// <remarks>
/// The consumer creates the file and names it to the producer; the producer maps it and unlinks it. Both sides check
/// what the other writes, as any input from another node: the magic and capacity on opening, every index read after.
/// Operations hold a reference on the mapping, so a close on another thread never unmaps it under them.
/// </remarks>
internal sealed unsafe partial class SharedRing : IDisposable
{
    /// <summary>Where the rings live (tmpfs on Linux).</summary>
    public const string DefaultDirectory = "/dev/shm";

    private const int HeaderSize = 256;
    private const int ProducerOffset = 0;   // written by the producer only
    private const int ConsumerOffset = 64;  // written by the consumer only, on its own cache line
    private const int SleepingOffset = 128; // 1 while the consumer is (about to be) asleep on it (a futex)
    private const int MagicOffset = 192;
    private const int CapacityOffset = 200;
    private const long Magic = 0x32474E4952415821; // "!XARING2": woken by a futex (version 1 rang the socket)

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly int _mask;
    private long _produced; // producer: what it has published
    private int _disposed;
    private long _consumed; // consumer: what it has taken; producer: the last consumer index it saw

    private SharedRing(MemoryMappedFile file, MemoryMappedViewAccessor view, string path, int capacity, bool consumer)
    {
        _file = file;
        _view = view;
        FilePath = path;
        Name = Path.GetFileName(path);
        Capacity = capacity;
        IsConsumer = consumer;
        _mask = capacity - 1;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + view.PointerOffset;
    }

    /// <summary>The file's name in the ring directory (what the consumer offers).</summary>
    public string Name { get; }

    /// <summary>Where the file was (or is, until the producer maps it).</summary>
    public string FilePath { get; }

    public int Capacity { get; }

    public bool IsConsumer { get; }

    /// <summary>True for the capacities a ring may have: a power of two from 4 KiB to 64 MiB.</summary>
    public static bool IsValidCapacity(int capacity) => capacity is >= 4096 and <= 64 * 1024 * 1024 && (capacity & (capacity - 1)) == 0;

    /// <summary>A name the consumer could have made: what a producer accepts before it opens anything.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>The consumer's side: a new ring file of <paramref name="capacity"/> bytes, readable by this user only.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static SharedRing Create(string directory, int capacity)
    {
        if (!IsValidCapacity(capacity)) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a power of two from 4096 to 67108864");
        var name = $"xenactors-ring-{Guid.NewGuid():N}";
        var path = Path.Combine(directory, name);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        try
        {
            stream.SetLength(HeaderSize + capacity);
            var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            var ring = new SharedRing(file, file.CreateViewAccessor(0, HeaderSize + capacity), path, capacity, consumer: true);
            Unsafe.WriteUnaligned(ring._base + CapacityOffset, capacity);
            Volatile.Write(ref ring.Cell(MagicOffset), Magic);
            return ring;
        }
        catch
        {
            stream.Dispose();
            TryDelete(path);
            throw;
        }
    }

    /// <summary>
    /// The producer's side: maps the ring the peer named and unlinks its file (both ends hold it now). Throws
    /// <see cref="InvalidDataException"/> when the name or the file is not a ring the peer could have made.
    /// </summary>
    public static SharedRing Open(string directory, string name)
    {
        if (!IsValidName(name)) throw new InvalidDataException($"'{name}' is not a ring name (xenactors-ring- and 32 hex digits)");
        var path = Path.Combine(directory, name);
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidDataException($"no ring file {path}");
        if (info.LinkTarget is not null) throw new InvalidDataException($"{path} is a link, not a ring file");
        if (info.Length is < HeaderSize + 4096 or > HeaderSize + 64 * 1024 * 1024) throw new InvalidDataException($"{path} is {info.Length} bytes, not a ring");
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        try
        {
            var length = stream.Length;
            var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            var view = file.CreateViewAccessor(0, length);
            var capacity = view.ReadInt32(CapacityOffset);
            var magic = view.ReadInt64(MagicOffset);
            if (magic != Magic || !IsValidCapacity(capacity) || HeaderSize + capacity != length)
            {
                view.Dispose();
                file.Dispose();
                throw new InvalidDataException($"{path} has no valid ring header (magic {magic:x}, capacity {capacity}, {length} bytes)");
            }
            var ring = new SharedRing(file, view, path, capacity, consumer: false);
            if (ring.ReadIndex(ProducerOffset) != 0 || ring.ReadIndex(ConsumerOffset) != 0)
            {
                ring.Dispose();
                throw new InvalidDataException($"{path} is a ring already in use");
            }
            TryDelete(path);
            return ring;
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            stream.Dispose();
            throw new InvalidDataException($"cannot map ring {path}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Removes ring files older than <paramref name="age"/>: offers no producer took (a file is unlinked as soon as one
    /// does), left by a node that was killed. Deleting one still offered only stops a late switch; the socket serves.
    /// </summary>
    public static int SweepStale(string directory, TimeSpan age)
    {
        var swept = 0;
        var before = DateTime.UtcNow - age;
        try
        {
            foreach (var path in Directory.EnumerateFiles(directory, "xenactors-ring-*"))
            {
                if (!IsValidName(Path.GetFileName(path)) || File.GetLastWriteTimeUtc(path) >= before) continue;
                TryDelete(path);
                if (!File.Exists(path)) swept++;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return swept;
    }

    /// <summary>Removes the ring's file if it is still there (the consumer, when no producer took it).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Unmaps the ring once no operation holds it; a consumer asleep in <see cref="Sleep"/> is woken first.</summary>
    public void Dispose()
    {
        if (IsConsumer) WakeConsumer();
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    /// <summary>Both indexes and the sleeping flag as the shared page has them (for diagnostics).</summary>
    public override string ToString() =>
        $"{Name}: produced {ReadIndex(ProducerOffset)}, consumed {ReadIndex(ConsumerOffset)}, consumer {(Volatile.Read(ref Flag) != 0 ? "sleeping" : "awake")}";

    /// <summary>Holds the mapping for one operation, so a <see cref="Dispose"/> on another thread unmaps it only after.</summary>
    private Lease Use()
    {
        var added = false;
        _view.SafeMemoryMappedViewHandle.DangerousAddRef(ref added);
        return new Lease(_view.SafeMemoryMappedViewHandle);
    }

    private ref long Cell(int offset) => ref Unsafe.AsRef<long>(_base + offset);

    private ref int Flag => ref Unsafe.AsRef<int>(_base + SleepingOffset);

    private int* FlagAddress => (int*)(_base + SleepingOffset);

    private long ReadIndex(int offset) => Volatile.Read(ref Cell(offset));

    private readonly struct Lease(System.Runtime.InteropServices.SafeHandle handle) : IDisposable
    {
        public void Dispose() => handle.DangerousRelease();
    }

    [GeneratedRegex("^xenactors-ring-[0-9a-f]{32}$")]
    private static partial Regex NamePattern();
}
