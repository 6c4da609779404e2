using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Hosting.XenStore;
using XenActors.Remote;
using XenActors.Xen.Host;
using XenActors.Xen.Hvm;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pci.Configuration;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;

namespace XenActors.Hosting.XenHost;

/// <summary>
/// The Xen host of a node with the role <c>host</c>: the in-process host (hypervisor, XenStore actor, xend, pciback,
/// guest launcher) inside the node's actor system, xenstored on a unix socket over the same store so the real
/// xenstore tools see the live tree, and the <see cref="XmGateway"/> that xm clients in other processes ask.
/// </summary>
public sealed class HostXenNode : IAsyncDisposable
{
    private readonly XenStoreServer? _server;

    private HostXenNode(InProcessXenHost host, XenStoreServer? server)
    {
        Host = host;
        _server = server;
    }

    public InProcessXenHost Host { get; }

    public string? SocketPath { get; private init; }

    /// <summary>Builds the host and starts listening; throws (and leaves no socket) if the socket cannot be bound.</summary>
    public static HostXenNode Start(ActorSystem system, Remoting remoting, XenHostOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(remoting);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        XenWire.XenWire.Register(remoting.Serialization); // the Xen domains' messages and xm's
        var inventory = LoadInventory(options, loggers.CreateLogger("xenactors.dom0"));
        var host = new InProcessXenHost(system, inventory, new SharedXenStore(), options.OperationTimeout);
        WriteDom0Home(host.XenStore);
        system.ActorOf(XmGateway.Props(host.Xend, host.XenStore, host.Hypervisor), XmGateway.Name);
        XenStoreServer? server = null;
        if (options.XenstoreSocket is { } path)
        {
            server = new XenStoreServer(new XenStoreServerOptions { SocketPath = path }, loggers.CreateLogger<XenStoreServer>(), host.Store);
            try
            {
                server.Start();
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"{XenHostOptions.Section}:xenstoreSocket '{path}': cannot listen: {ex.Message}", ex);
            }
        }
        return new HostXenNode(host, server) { SocketPath = options.XenstoreSocket };
    }

    /// <summary>
    /// The host's PCI functions as dom0 finds them at boot: the inventory, with the BARs that dom0's
    /// <c>reassigndev=</c> names moved to page-aligned addresses (each move logged as dom0 Linux logs it; a listed
    /// function the host does not have is skipped with a warning).
    /// </summary>
    internal static PciInventory LoadInventory(XenHostOptions options, ILogger log)
    {
        var inventory = LoadInventory(options.Inventory);
        if (options.Dom0CommandLine is not { } commandLine)
            return inventory;
        var reassign = ReassignDevParameter.Parse(commandLine);
        foreach (var missing in reassign.Devices.Where(d => !inventory.TryGet(d, out _)))
            log.LogWarning("{Parameter}: no PCI function {Address} on this host; skipped", ReassignDevParameter.Name, missing);
        foreach (var move in reassign.Apply(inventory))
            log.LogInformation("{Move}", move);
        return inventory;
    }

    internal static PciInventory LoadInventory(string? file)
    {
        if (file is null) return new PciInventory([SyntheticDevices.UsbControllerSet(), SyntheticDevices.DualPortNic()]);
        try
        {
            return PciInventoryConfig.Load(file);
        }
        catch (PciInventoryConfigException ex)
        {
            // A configuration error like any other: the node stops with exit code 2 and the reason.
            throw new ConfigurationException($"{XenHostOptions.Section}:inventory: {ex.Message}", ex);
        }
    }

    /// <summary>What xend's startup writes in dom0's home, so tools and guests find Domain-0 like on a real host.</summary>
    internal static void WriteDom0Home(IActorRef xenStore)
    {
        xenStore.Tell(new XsWrite(ActorRefs.Nobody, 0, "/local/domain/0/name", "Domain-0"), ActorRefs.NoSender);
        xenStore.Tell(new XsWrite(ActorRefs.Nobody, 0, "/local/domain/0/domid", "0"), ActorRefs.NoSender);
    }

    /// <summary>Stops serving the socket and removes its file; the actors stop with the actor system.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
    }
}
