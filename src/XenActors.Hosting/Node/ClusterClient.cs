using XenActors.Actor;
using XenActors.Cluster.Protocol;
using XenActors.Configuration;
using XenActors.Remote;

namespace XenActors.Hosting.Node;

/// <summary>
/// A throw-away remoting endpoint for commands run from another shell: asks a node's cluster daemon for its view,
/// or asks members to leave. Not a cluster member itself.
/// </summary>
public sealed class ClusterClient : IDisposable
{
    private readonly ActorSystem _system;
    private readonly Remoting _remoting;

    public ClusterClient(string secret)
    {
        _system = ActorSystem.Create("xenactors-cli", new ActorSystemSetup());
        _remoting = Remoting.Start(_system, new RemoteSettings { Hostname = "127.0.0.1", Port = 0, Secret = secret, HandshakeTimeout = TimeSpan.FromSeconds(3) });
        XenActors.Cluster.Protocol.ClusterSerializationAccess.Register(_remoting.Serialization);
    }

    private IActorRef Daemon(string address) => _remoting.Resolve($"{address}/system/cluster");

    /// <summary>The view of the node at <paramref name="address"/>, or null if it does not answer in time.</summary>
    public async Task<ClusterStateSnapshot?> QueryAsync(string address, TimeSpan timeout)
    {
        try
        {
            return await Daemon(address).Ask<ClusterStateSnapshot>(new ClusterUserAction.GetState(), timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The first answer among <paramref name="addresses"/>, trying each in turn.</summary>
    public async Task<ClusterStateSnapshot?> QueryAnyAsync(IEnumerable<string> addresses, TimeSpan timeoutEach)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            var snapshot = await QueryAsync(address, timeoutEach).ConfigureAwait(false);
            if (snapshot is not null) return snapshot;
        }
        return null;
    }

    /// <summary>True when the actor at <paramref name="path"/> exists and answers Identify within <paramref name="timeout"/>.</summary>
    public async Task<bool> IdentifyAsync(string path, TimeSpan timeout)
    {
        try
        {
            return (await _remoting.Resolve(path).Ask<ActorIdentity>(new Identify(null), timeout).ConfigureAwait(false)).Subject is not null;
        }
        catch (AskTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Asks <paramref name="via"/> to let <paramref name="member"/> leave gracefully.</summary>
    public void Leave(string via, string member) => Daemon(via).Tell(new ClusterUserAction.Leave(member), null);

    public void Dispose()
    {
        _remoting.AbortAsync().Wait(TimeSpan.FromSeconds(5));
        _system.Terminate().Wait(TimeSpan.FromSeconds(5));
    }
}
