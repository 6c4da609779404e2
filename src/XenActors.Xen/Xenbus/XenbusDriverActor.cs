using XenActors.Actor;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xenbus;

/// <summary>
/// Base of a split-driver end (pciback's or pcifront's device): watches the other end's <c>state</c>
/// (xenbus's otherend watch) and, if asked, its own node, and calls the driver's handler with the
/// state read at that moment. Handlers run one at a time (ReceiveAsync), like the xenwatch thread.
/// </summary>
public abstract class XenbusDriverActor : ReceiveActor
{
    private const string OtherEndToken = "otherend";
    private const string OwnToken = "self";

    protected XenbusDriverActor(XenStoreClient store, string nodeName, string otherEnd, bool watchOwnNode)
    {
        Device = new XenbusDevice(store, nodeName, otherEnd);
        WatchOwnNode = watchOwnNode;
        ReceiveAsync<XsWatchEvent>(OnWatchEventAsync);
    }

    protected XenbusDevice Device { get; }

    protected XenStoreClient Store => Device.Store;

    private bool WatchOwnNode { get; }

    /// <summary>Registers the watches (each fires once at once, which runs the handlers for the current state).</summary>
    protected async Task RegisterWatchesAsync()
    {
        await Store.WatchAsync(Device.OtherEndStatePath, OtherEndToken).ConfigureAwait(true);
        if (WatchOwnNode)
            await Store.WatchAsync(Device.NodeName, OwnToken).ConfigureAwait(true);
    }

    private async Task OnWatchEventAsync(XsWatchEvent e)
    {
        if (e.Token == OtherEndToken)
            await OtherEndChangedAsync(await Device.ReadOtherEndStateAsync().ConfigureAwait(true)).ConfigureAwait(true);
        else if (e.Token == OwnToken)
            await OwnNodeChangedAsync(e.Path).ConfigureAwait(true);
        else
            await OtherWatchAsync(e).ConfigureAwait(true);
    }

    /// <summary>The driver's otherend_changed.</summary>
    protected abstract Task OtherEndChangedAsync(XenbusState otherState);

    /// <summary>A node under this end changed (pciback's be_watch).</summary>
    protected virtual Task OwnNodeChangedAsync(string path) => Task.CompletedTask;

    protected virtual Task OtherWatchAsync(XsWatchEvent e) => Task.CompletedTask;

    /// <summary>Records a driver failure where the toolstack finds it, then Closing (xenbus_dev_fatal).</summary>
    protected Task FatalAsync(Errno errno, string message)
    {
        Context.GetLogger().Error($"{Device.NodeName}: {message}");
        return Device.DevFatalAsync(errno, message);
    }
}
