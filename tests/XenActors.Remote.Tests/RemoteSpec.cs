using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Event;
using XenActors.Remote;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests;

/// <summary>
/// Base of the remoting specs: <c>Sys</c> has remoting on a loopback port; <see cref="NewNode"/> starts more systems
/// in this process, each on its own real TCP port, all terminated in Dispose.
/// </summary>
public abstract class RemoteSpec : XenActors.TestKit.TestKit
{
    public const string Secret = "spec-secret";
    private readonly List<ActorSystem> _nodes = [];

    protected RemoteSpec(ITestOutputHelper output, string systemName = "spec") : base(output, systemName: systemName)
    {
        Remote = Remoting.Start(Sys, Settings());
    }

    protected Remoting Remote { get; }

    public static RemoteSettings Settings(string secret = Secret, int port = 0) => new()
    {
        Hostname = "127.0.0.1",
        Port = port,
        Secret = secret,
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        WatchUnreachableAfter = TimeSpan.FromSeconds(2),
        ReconnectMinBackoff = TimeSpan.FromMilliseconds(50),
        ReconnectMaxBackoff = TimeSpan.FromMilliseconds(500),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Another node in this process with its own remoting; the log of warnings goes to the test output.</summary>
    protected (ActorSystem System, Remoting Remote) NewNode(string? name = null, RemoteSettings? settings = null)
    {
        var system = ActorSystem.Create(name ?? Sys.Name, new ActorSystemSetup());
        _nodes.Add(system);
        system.EventStream.Subscribe<LogEvent>(e =>
        {
            if (e.Level < LogLevel.Warning) return;
            try { Output?.WriteLine("[other] " + e); } catch (InvalidOperationException) { }
        });
        return (system, Remoting.Start(system, settings ?? Settings()));
    }

    /// <summary>The ref another system uses to reach <paramref name="local"/> (resolved through its remoting).</summary>
    protected static IActorRef RefOn(Remoting from, IActorRef local, Remoting owner) =>
        from.Resolve(owner.ToSerializedPath(local));

    protected override void Dispose(bool disposing)
    {
        foreach (var node in _nodes) node.Terminate().Wait(TimeSpan.FromSeconds(10));
        base.Dispose(disposing);
    }
}
