using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Cluster.Control;
using XenActors.Configuration;
using XenActors.Hosting.XenHost;

namespace XenActors.Hosting.Node;

/// <summary>
/// Runs one cluster node inside the generic host: starts the actor system, remoting and cluster on start; on stop
/// (SIGTERM, Ctrl-C) runs CoordinatedShutdown, which leaves the cluster gracefully; and stops the host when the
/// node is downed or removed by the cluster.
/// </summary>
public sealed class ClusterNodeService(NodeSettings settings, ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime, Microsoft.Extensions.Configuration.IConfiguration configuration)
    : IHostedService
{
    private readonly ILogger _log = loggerFactory.CreateLogger("xenactors.node");
    private ActorSystem? _system;
    private HostXenNode? _xen;
    private SplitHost.SplitHostNode? _split;

    /// <summary>Why the node gave up after it started (a split-host peer that never came), or null.</summary>
    public string? Failure { get; private set; }

    public XenActors.Cluster.Cluster? Cluster { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _system = ActorSystem.Create(settings.Node.SystemName, new ActorSystemSetup
        {
            Configuration = configuration,
            LoggerFactory = loggerFactory,
            Settings = settings.Actor,
        });
        Cluster = XenActors.Cluster.Cluster.Start(_system, settings.Cluster, settings.Remote);
        _system.ActorOf(NodeControl.Props(settings.Node.Name), NodeControl.Name);
        if (settings.Cluster.Roles.Contains(XenHostOptions.Role))
        {
            _xen = HostXenNode.Start(_system, Cluster.Remoting, settings.Xen, loggerFactory);
            _log.LogInformation("node {Name} runs a Xen host with {Functions} PCI function(s); xenstored on {Socket}",
                settings.Node.Name, _xen.Host.Inventory.Count, _xen.SocketPath ?? "(no socket)");
        }
        if (settings.Xen.Host is not null)
        {
            _split = SplitHost.SplitHostNode.Start(_system, Cluster, settings.Xen, settings.Cluster.Roles, settings.Node.Name, loggerFactory);
            _ = _split.Ready.ContinueWith(t =>
            {
                if (!t.IsFaulted) return;
                // A part without its peers is of no use: say what is missing and stop with a non-zero exit code.
                Failure = t.Exception!.InnerExceptions[0].Message;
                _log.LogError("node {Name} gives up: {Reason}", settings.Node.Name, Failure);
                lifetime.StopApplication();
            }, TaskScheduler.Default);
        }
        _log.LogInformation("node {Name} started at {Address} (uid {Uid}), roles [{Roles}], seeds [{Seeds}]",
            settings.Node.Name, Cluster.SelfAddress, Cluster.SelfUniqueAddress.Uid, string.Join(",", settings.Cluster.Roles), string.Join(",", settings.Cluster.SeedNodes));
        Cluster.RegisterOnMemberUp(() => _log.LogInformation("node {Name} is Up", settings.Node.Name));
        // Downed, removed or shut down from inside: the process ends with it.
        _ = _system.WhenTerminated.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is null) return;
        _log.LogInformation("node {Name} stopping: leaving the cluster", settings.Node.Name);
        await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ProcessExitReason.Instance).ConfigureAwait(false);
        await _system.WhenTerminated.ConfigureAwait(false);
        // After the actors: a tool connected until the end still sees the final tree; the socket file goes with it.
        if (_xen is not null) await _xen.DisposeAsync().ConfigureAwait(false);
        if (_split is not null) await _split.DisposeAsync().ConfigureAwait(false);
        _log.LogInformation("node {Name} stopped", settings.Node.Name);
    }
}
