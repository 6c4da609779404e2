using System.Net;
using Microsoft.Extensions.Configuration;
using XenActors.Actor;

namespace XenActors.Remote;

/// <summary>
/// Remoting settings, bound from <c>xenactors:remote</c>. Defaults follow Akka.Remote's where one exists
/// (maximum-frame-size 128000 b, handshake-timeout 15 s, watch failure detector 1 s heartbeat / 10 s pause).
/// </summary>
public sealed class RemoteSettings
{
    public const string Section = "xenactors:remote";

    /// <summary>Interface to bind; also the advertised host unless <see cref="PublicHostname"/> is set.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The host other nodes use to reach this one (Akka: public-hostname).</summary>
    public string? PublicHostname { get; set; }

    /// <summary>Shared cluster secret presented in the handshake; empty means "no secret" (both sides must agree).</summary>
    public string Secret { get; set; } = "";

    public int MaximumFrameSize { get; set; } = 128_000;

    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages buffered per peer before new ones are dropped to dead letters (at-most-once).</summary>
    public int OutboundQueueSize { get; set; } = 100_000;

    /// <summary>Bytes written into one batch before it is flushed to the socket.</summary>
    public int WriteBatchBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// A crossing without a thread hop: the reader thread of a connection runs the actors a frame wakes (while nothing
    /// else waits to be read), and a send to an idle link is written by the sender's own thread instead of the writer
    /// loop. Off: every delivered message goes through the dispatcher and every send through the writer loop.
    /// </summary>
    public bool InlineCrossings { get; set; } = true;

    /// <summary>
    /// Busy polling, as Linux's <c>net.core.busy_poll</c> (also in µs): after a run that wrote to the peer whose frame
    /// woke it (most often a request: a XenStore read, a pci-op), the reader thread polls that connection for this
    /// long, yielding the CPU between polls, before it blocks in receive again. A reply that arrives meanwhile is read
    /// without a sleep and a wake-up, which on these VMs cost more than the poll. 0 turns it off; so does turning
    /// <see cref="InlineCrossings"/> off (the reader then runs no actor, so none of its runs writes). 100: a XenStore
    /// round trip through the xen node often takes longer than 30 µs (the xen node's reader must wake first), and over
    /// rings a poll is a memory read and a yield, so polling that long cost no more CPU per hot-plug cycle in bench runs.
    /// </summary>
    public int BusyPollMicroseconds { get; set; } = 100;

    /// <summary>
    /// Bytes of each shared-memory ring that a connection between two nodes on this machine moves to (one per
    /// direction, in <see cref="SharedMemoryDirectory"/>): a send and a poll become memory accesses instead of
    /// syscalls, and the socket carries only wake-ups. A power of two from 4096 to 67108864; 0 keeps every connection
    /// on its socket.
    /// </summary>
    public int SharedMemoryRingBytes { get; set; } = 256 * 1024;

    /// <summary>Where the rings' files are made (a tmpfs); they are unlinked as soon as both ends hold them.</summary>
    public string SharedMemoryDirectory { get; set; } = "/dev/shm";

    public TimeSpan ReconnectMinBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectMaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Transport heartbeat on idle connections (Akka watch-failure-detector heartbeat-interval).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Silence after which a watched node counts as lost: its watchers get Terminated(addressTerminated).</summary>
    public TimeSpan WatchUnreachableAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where to write a trace of every envelope sent and received (one file per node, named after its port); absent
    /// means no trace. For studying a protocol's crossings between processes: <c>xenactors bench hotplug --crossings</c>
    /// reads these files.
    /// </summary>
    public string? MessageTraceDirectory { get; set; }

    /// <summary>Binds <see cref="Section"/>; a value that does not convert or validate throws naming the key.</summary>
    public static RemoteSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        RemoteSettings settings;
        try
        {
            settings = configuration.GetSection(Section).Get<RemoteSettings>() ?? new RemoteSettings();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
        settings.Validate();
        return settings;
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Hostname)) throw Bad("hostname", Hostname, "a host name or IP address");
        if (Port is < 0 or > 65535) throw Bad("port", Port, "0-65535 (0 picks a free port)");
        if (PublicHostname is { Length: 0 }) throw Bad("publicHostname", PublicHostname, "a host name, or absent");
        if (MessageTraceDirectory is not null && string.IsNullOrWhiteSpace(MessageTraceDirectory)) throw Bad("messageTraceDirectory", MessageTraceDirectory, "a directory path, or absent");
        if (MaximumFrameSize is < 1024 or > 64 * 1024 * 1024) throw Bad("maximumFrameSize", MaximumFrameSize, "1024 to 67108864 bytes");
        if (HandshakeTimeout <= TimeSpan.Zero) throw Bad("handshakeTimeout", HandshakeTimeout, "a positive duration");
        if (OutboundQueueSize < 1) throw Bad("outboundQueueSize", OutboundQueueSize, "1 or more");
        if (BusyPollMicroseconds is < 0 or > 1000) throw Bad("busyPollMicroseconds", BusyPollMicroseconds, "0 to 1000 (0 turns busy polling off)");
        if (SharedMemoryRingBytes != 0 && !Transport.SharedRing.IsValidCapacity(SharedMemoryRingBytes)) throw Bad("sharedMemoryRingBytes", SharedMemoryRingBytes, "0 (off) or a power of two from 4096 to 67108864");
        if (string.IsNullOrWhiteSpace(SharedMemoryDirectory)) throw Bad("sharedMemoryDirectory", SharedMemoryDirectory, "a directory path");
        if (WriteBatchBytes is < 1024 or > 16 * 1024 * 1024) throw Bad("writeBatchBytes", WriteBatchBytes, "1024 to 16777216");
        if (ReconnectMinBackoff <= TimeSpan.Zero) throw Bad("reconnectMinBackoff", ReconnectMinBackoff, "a positive duration");
        if (ReconnectMaxBackoff < ReconnectMinBackoff) throw Bad("reconnectMaxBackoff", ReconnectMaxBackoff, "at least reconnectMinBackoff");
        if (HeartbeatInterval <= TimeSpan.Zero) throw Bad("heartbeatInterval", HeartbeatInterval, "a positive duration");
        if (WatchUnreachableAfter <= HeartbeatInterval) throw Bad("watchUnreachableAfter", WatchUnreachableAfter, "longer than heartbeatInterval");
    }

    internal IPAddress BindAddress() =>
        IPAddress.TryParse(Hostname, out var ip) ? ip : Dns.GetHostAddresses(Hostname).First();

    private static ConfigurationException Bad(string key, object? value, string expected) =>
        new($"{Section}:{key} is '{value}': expected {expected}.");
}
