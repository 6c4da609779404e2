using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using XenActors.Actor;
using XenActors.Event;
using XenActors.Remote.Diagnostics;
using XenActors.Remote.Faults;
using XenActors.Remote.Serialization;
using XenActors.Remote.Transport;

namespace XenActors.Remote;

/// <summary>
/// Remoting for one actor system (Akka.Remote's RemoteActorRefProvider + transport): binds a TCP port, gives the
/// system an external address, resolves paths on other nodes into <see cref="IActorRef"/>s that Tell, Ask, Watch
/// and ActorSelection work through, and keeps one association per peer. Start it once per system.
/// </summary>
public sealed partial class Remoting : IActorRefResolver
{
    private readonly ConcurrentDictionary<Address, Association> _associations = new();
    private readonly ConcurrentDictionary<string, IActorRef> _resolved = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<IActorRef, string> _serializedLocal = [];
    private readonly ConcurrentDictionary<long, Address> _quarantined = new();
    private readonly Socket _listener;
    private readonly ITimer _tick;
    private int _shutdown;

    private Remoting(ActorSystem system, RemoteSettings settings)
    {
        System = system;
        SystemImpl = (ActorSystemImpl)system;
        Settings = settings;
        Time = system.TimeProvider;
        Log = SystemImpl.GetLogger("remoting", typeof(Remoting));
        Uid = NewUid();
        _listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            var bind = settings.BindAddress();
            if (bind.AddressFamily == AddressFamily.InterNetworkV6) _listener.DualMode = true;
            _listener.Bind(new IPEndPoint(bind, settings.Port));
            _listener.Listen(512);
        }
        catch (SocketException ex)
        {
            _listener.Dispose();
            throw new ConfigurationException($"{RemoteSettings.Section}:port {settings.Port} on {settings.Hostname} cannot be bound: {ex.Message}", ex);
        }
        var port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        Address = new Address(Address.DefaultProtocol, system.Name, settings.PublicHostname ?? settings.Hostname, port);
        Serialization = new SerializerRegistry(this);
        Faults = new FaultInjector(SeverNow, line => Log.Warning(line));
        Handshakes = new Handshakes(Address, Uid, settings.Secret);
        Watches = new RemoteWatchTable();
        if (settings.MessageTraceDirectory is { } traceDirectory)
        {
            try
            {
                Trace = MessageTrace.Open(traceDirectory, Address);
            }
            catch
            {
                _listener.Dispose();
                throw;
            }
        }
        SystemImpl.ExternalAddress = Address;
        SystemImpl.RemoteResolver = ResolveRemote;
        if (settings.SharedMemoryRingBytes != 0 && OperatingSystem.IsLinux() && Transport.SharedRing.SweepStale(settings.SharedMemoryDirectory, TimeSpan.FromMinutes(10)) is > 0 and var swept)
        {
            Log.Info($"removed {swept} shared ring file(s) older than 10 minutes from {settings.SharedMemoryDirectory}, left by nodes that were killed");
        }
        AcceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = $"remoting accept {Address}" };
        AcceptThread.Start();
        _tick = Time.CreateTimer(static s => ((Remoting)s!).Tick(), this, settings.HeartbeatInterval, settings.HeartbeatInterval);
        _ = system.WhenTerminated.ContinueWith(_ => ShutdownAsync(), TaskScheduler.Default);
        Log.Info($"remoting started; listening on {Address} (uid {Uid})");
    }

    /// <summary>Starts remoting with settings bound from the system's configuration (once; later calls return it).</summary>
    public static Remoting Get(ActorSystem system) => Start(system, null);

    /// <summary>Starts remoting with <paramref name="settings"/> (or the configuration's); a bad setting throws naming its key.</summary>
    public static Remoting Start(ActorSystem system, RemoteSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(s =>
        {
            var resolved = settings ?? RemoteSettings.From(s.Configuration);
            resolved.Validate();
            return new Remoting(s, resolved);
        });
    }

    public ActorSystem System { get; }
    internal ActorSystemImpl SystemImpl { get; }
    public RemoteSettings Settings { get; }

    /// <summary>The address other nodes reach this one by: <c>xen://system@host:port</c>.</summary>
    public Address Address { get; }

    /// <summary>This incarnation's uid: a restarted node at the same address has another one.</summary>
    public long Uid { get; }

    public SerializerRegistry Serialization { get; }
    public FaultInjector Faults { get; }
    internal TimeProvider Time { get; }
    internal ILoggingAdapter Log { get; }
    internal Handshakes Handshakes { get; }

    /// <summary>The envelope trace, when <see cref="RemoteSettings.MessageTraceDirectory"/> is set.</summary>
    internal MessageTrace? Trace { get; }
    internal RemoteWatchTable Watches { get; }
    /// <summary>Blocks in accept until the listener closes (specs check that it ends).</summary>
    internal Thread AcceptThread { get; }

    internal bool IsShuttingDown => Volatile.Read(ref _shutdown) == 1;

    /// <summary>Total bytes written to every peer (frames including headers).</summary>
    public long BytesWritten => _associations.Values.Sum(a => a.BytesWrittenTotal);

    /// <summary>True when a live connection to <paramref name="address"/> exists.</summary>
    public bool IsAssociated(Address address) => _associations.TryGetValue(address, out var a) && a.Active is { IsClosed: false };

    /// <summary>True when the incarnation <paramref name="uid"/> is quarantined here.</summary>
    public bool IsQuarantined(long uid) => _quarantined.ContainsKey(uid);

    private static long NewUid()
    {
        long uid;
        do uid = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)); while (uid == 0);
        return uid;
    }

    internal Association AssociationFor(Address address) =>
        _associations.GetOrAdd(address, static (a, self) =>
        {
            var association = new Association(self, a);
            association.Start();
            return association;
        }, this);

    private IActorRef? ResolveRemote(ActorPath path) =>
        path.Address.Host is null || path.Address.Protocol != Address.DefaultProtocol ? null : GetRemoteRef(path);

    private RemoteActorRef GetRemoteRef(ActorPath path)
    {
        var key = path.ToSerializationFormat();
        if (_resolved.TryGetValue(key, out var cached) && cached is RemoteActorRef remote) return remote;
        var created = new RemoteActorRef(this, path);
        _resolved[key] = created;
        return created;
    }

    /// <summary>The path text another node can send to: local refs get this node's external address.</summary>
    public string ToSerializedPath(IActorRef actorRef)
    {
        ArgumentNullException.ThrowIfNull(actorRef);
        if (actorRef is RemoteActorRef remote) return remote.SerializedPath;
        // An Ask's reply address is registered only now that a remote node may send to it.
        if (actorRef is ITemporaryActorRef temporary) temporary.Publish();
        if (!actorRef.Path.Address.HasLocalScope) return actorRef.Path.ToSerializationFormat();
        return _serializedLocal.GetValue(actorRef, r => r.Path.WithAddress(Address).ToSerializationFormat());
    }

    /// <summary>A ref for path text from the wire: local if it names this node, remote otherwise; dead letters if it does not parse.</summary>
    public IActorRef Resolve(string serializedPath) => ResolveRef(serializedPath);

    internal IActorRef ResolveRef(string serializedPath)
    {
        if (_resolved.TryGetValue(serializedPath, out var cached) && !(cached is IInternalActorRef { IsLocal: true, IsTerminated: true }))
        {
            return cached;
        }
        if (!ActorPath.TryParse(serializedPath, out var path, out var error))
        {
            Log.Warning($"cannot resolve actor path from the wire: {error}");
            return System.DeadLetters;
        }
        if (!SystemImpl.IsLocal(path.Address)) return GetRemoteRef(path);
        var local = SystemImpl.ResolveActorRef(path.WithAddress(SystemImpl.LocalAddress));
        // Temp (Ask) refs are one-shot: caching them would only grow the table.
        if (local is IInternalActorRef { IsTerminated: false } && path.Elements is not ["temp", ..])
        {
            if (_resolved.Count > 100_000) _resolved.Clear();
            _resolved[serializedPath] = local;
        }
        return local;
    }

    internal void Published(object @event) => System.EventStream.Publish(@event);

    private void SeverNow(Address peer)
    {
        if (_associations.TryGetValue(peer, out var association)) association.Active?.Close();
    }
}
