using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using XenActors.Actor;

namespace XenActors.Remote.Diagnostics;

/// <summary>
/// One line per envelope this node sends to or receives from another node: a monotonic timestamp (Stopwatch ticks,
/// which on one machine every process reads from the same clock), S or R, the peer, the message's type. Read together,
/// the files of a cluster show each crossing between processes and how long it took. Writing is buffered and flushed
/// on remoting's heartbeat tick and at shutdown; a node killed outright loses its last second.
/// </summary>
public sealed class MessageTrace : IDisposable
{
    public const string Extension = ".trace";
    public const string Header = "# xenactors message trace v1";

    private static readonly ConcurrentDictionary<Type, string> TypeNames = new();
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private bool _stopped;
    private bool _disposed;
    private string? _failure;

    private MessageTrace(StreamWriter writer) => _writer = writer;

    /// <summary>The file of the node at <paramref name="self"/> in <paramref name="directory"/>, named after its port.</summary>
    public static string FileFor(string directory, Address self) =>
        Path.Combine(directory, $"{self.Host}_{self.Port}{Extension}");

    /// <summary>Creates the file (and the directory); a directory that cannot be written is a configuration error.</summary>
    public static MessageTrace Open(string directory, Address self)
    {
        ArgumentNullException.ThrowIfNull(self);
        try
        {
            Directory.CreateDirectory(directory);
            var writer = new StreamWriter(FileFor(directory, self), append: false) { AutoFlush = false };
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Header} self={self.Host}:{self.Port} frequency={Stopwatch.Frequency}"));
            return new MessageTrace(writer);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigurationException($"{RemoteSettings.Section}:messageTraceDirectory '{directory}' cannot be written: {ex.Message}", ex);
        }
    }

    public void Sent(Address peer, object message) => Write('S', peer, message);

    public void Received(Address peer, object message) => Write('R', peer, message);

    private void Write(char direction, Address peer, object message)
    {
        var now = Stopwatch.GetTimestamp();
        var type = TypeNames.GetOrAdd(message.GetType(), NameOf);
        lock (_gate)
        {
            if (_stopped) return;
            try
            {
                _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{now} {direction} {peer.Host}:{peer.Port} {type}"));
            }
            catch (IOException ex)
            {
                Stop(ex);
            }
        }
    }

    /// <summary>Why the trace stopped early (a full disk, say), once; null while it is written. Messages are never held up by it.</summary>
    public string? TakeFailure()
    {
        lock (_gate)
        {
            var failure = _failure;
            _failure = null;
            return failure;
        }
    }

    /// <summary>A write failed (under the gate): no more writes, and the reason waits for <see cref="TakeFailure"/>.</summary>
    private void Stop(IOException ex)
    {
        _failure = $"message trace stopped: {ex.Message}";
        _stopped = true;
    }

    /// <summary>Namespace-qualified, generic arguments by short name, no spaces: one word of a trace line.</summary>
    internal static string NameOf(Type type)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(",", type.GetGenericArguments().Select(a => a.Name)) + ">" : type.Name;
        var outer = type.DeclaringType is { } declaring ? NameOf(declaring) + "+" : type.Namespace is { } ns ? ns + "." : "";
        return (outer + name).Replace(' ', '_');
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (_stopped) return;
            try
            {
                _writer.Flush();
            }
            catch (IOException ex)
            {
                Stop(ex);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _stopped = true;
            try
            {
                _writer.Dispose();
            }
            catch (IOException)
            {
                // The last buffer is lost; the node is stopping anyway.
            }
        }
    }
}
