using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Remote;

namespace XenActors.Hosting.XenHost;

/// <summary>
/// A short-lived remoting endpoint for <c>xenactors xm</c>: it speaks the xm protocol to the <see cref="XmGateway"/>
/// of a host node and is gone when the command returns. Like <see cref="Node.ClusterClient"/> it does not join the
/// membership: a member that joins and leaves for each command would churn gossip and downing for nothing.
/// </summary>
public sealed class XmClient : IDisposable
{
    private readonly ActorSystem _system;
    private readonly Remoting _remoting;
    private readonly IActorRef _gateway;

    /// <param name="hostAddress">The host node, e.g. <c>xen://xenactors@127.0.0.1:4711</c>.</param>
    public XmClient(string secret, string hostAddress)
    {
        _system = ActorSystem.Create("xenactors-xm", new ActorSystemSetup());
        _remoting = Remoting.Start(_system, new RemoteSettings { Hostname = "127.0.0.1", Port = 0, Secret = secret, HandshakeTimeout = TimeSpan.FromSeconds(3) });
        XenActors.Cluster.Protocol.ClusterSerializationAccess.Register(_remoting.Serialization);
        XenWire.XenWire.Register(_remoting.Serialization); // xm's manifests and the Xen domains'
        _gateway = _remoting.Resolve($"{hostAddress}/user/{XmGateway.Name}");
    }

    /// <summary>Asks the host; completes when xend has finished the operation (or throws <see cref="AskTimeoutException"/>).</summary>
    public Task<T> AskAsync<T>(object message, TimeSpan timeout) => _gateway.Ask<T>(message, timeout);

    public void Dispose()
    {
        _remoting.AbortAsync().Wait(TimeSpan.FromSeconds(5));
        _system.Terminate().Wait(TimeSpan.FromSeconds(5));
    }
}
