using XenActors.Actor;
using XenActors.Event;
using XenActors.Xen.Protocol;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xenbus;

/// <summary>
/// Base of a split-driver end (pciback's or pcifront's device): watches the other end's <c>state</c>
/// (xenbus's otherend watch) and calls the driver's handler with the state read at that moment, once
/// for the events queued before it. Handlers run one at a time (ReceiveAsync), like the xenwatch thread.
/// <para>
/// Watch events coalesce and arrive late, so a handler may find its own directory removed, or
/// removed and already re-created by the toolstack for the next device instance (the bus driver saw
/// "still there" and never unbound us). Before acting on the other end, the device therefore checks
/// its own node as it is now: gone, or back at Initialising after we had left it, means this
/// instance is over and it unbinds (stops); the bus driver probes a fresh one for the new directory.
/// Once stopped, nothing it awaited may act any more: the store connection is closed and whatever
/// resumed after the stop ends quietly instead of touching <c>Context</c> or the store.
/// </para>
/// </summary>
public abstract class XenbusDriverActor : ReceiveActor
{
    private const string OtherEndToken = "otherend";
    private static readonly IReadOnlyDictionary<string, string?> NothingGathered = new Dictionary<string, string?>().AsReadOnly();
    private bool _otherEndQueued;

    protected XenbusDriverActor(XenStoreClient store, string nodeName, string otherEnd)
    {
        Device = new XenbusDevice(store, nodeName, otherEnd);
        Log = Context.GetLogger();
        Receive<XsWatchEvent>(e =>
        {
            // Coalesced: the handler reads both states as they are now, so one run answers every event queued
            // before it (Linux's xenwatch runs it once per event, each time with the state of that moment).
            if (e.Token != OtherEndToken || _otherEndQueued)
                return;
            _otherEndQueued = true;
            Self.Tell(OtherEndCheck.Instance);
        });
        ReceiveDriverAsync<OtherEndCheck>(_ =>
        {
            _otherEndQueued = false;
            return OnOtherEndAsync();
        });
    }

    /// <summary>Captured at construction: usable from any continuation, unlike <c>Context</c>.</summary>
    protected ILoggingAdapter Log { get; }

    /// <summary>PostStop ran: this device instance is unbound.</summary>
    protected bool Stopped { get; private set; }

    /// <summary>
    /// ReceiveAsync for a driver handler: an await that resumes after the actor stopped (it then runs
    /// off the actor, where <c>Context</c> is gone and the store connection is closed) ends the handler
    /// quietly; any failure while still bound is a real one.
    /// </summary>
    protected void ReceiveDriverAsync<T>(Func<T, Task> handler) =>
        ReceiveAsync<T>(async m =>
        {
            try
            {
                await handler(m).ConfigureAwait(true);
            }
            catch (Exception) when (Stopped)
            {
                // Unbound while this handler was waiting: the device it was acting for is gone.
            }
        });

    protected override void PostStop()
    {
        Stopped = true;
        Device.Store.Close();
        OnUnbound();
    }

    /// <summary>Releases what the device held; runs once, when it stops.</summary>
    protected virtual void OnUnbound()
    {
    }

    /// <summary>device_unregister: stops this device (a no-op if it already stopped).</summary>
    protected void Unregister()
    {
        if (!Stopped)
            Context.Stop(Self);
    }

    protected XenbusDevice Device { get; }

    protected XenStoreClient Store => Device.Store;

    /// <summary>Registers the otherend watch (it fires once at once, which runs the handler for the current state).</summary>
    protected Task RegisterWatchesAsync() => Store.WatchAsync(Device.OtherEndStatePath, OtherEndToken);

    private async Task OnOtherEndAsync()
    {
        // Our own state, the other end's and what the handler gathers from it next, in one pipelined round trip; all
        // but the first are unused if we unbind.
        var gather = GatherFromOtherEnd;
        var reads = await Store.PipelineAsync(
        [
            Store.Read(Device.StatePath),
            Store.Read(Device.OtherEndStatePath),
            .. gather.Select(node => Store.Read(Device.OtherEnd + "/" + node)),
        ]).ConfigureAwait(true);
        if (OwnNodeGone(reads[0]))
        {
            Log.Info($"{Device.NodeName}: the node was removed (or re-created for another device); unbinding (was {Device.State})");
            Unregister();
            return;
        }
        // Most checks gather nothing: they share one empty map instead of allocating their own.
        var gathered = gather.Count == 0
            ? NothingGathered
            : gather.Select((node, k) => (node, reads[2 + k])).ToDictionary(p => p.node, p => p.Item2.IsOk ? p.Item2.Value : null, StringComparer.Ordinal);
        await OtherEndChangedAsync(XenbusStateText.ParseOrUnknown(reads[1].IsOk ? reads[1].Value : null), gathered).ConfigureAwait(true);
    }

    /// <summary>
    /// The other end's nodes (names in its directory) the handler reads first when it runs in our current state, as a
    /// driver's xenbus_gather follows its xenbus_read_driver_state: they go out with the two state reads, one round
    /// trip instead of two, and reach <see cref="OtherEndChangedAsync"/> read at the same moment as the state (null
    /// where missing). None by default.
    /// </summary>
    protected virtual IReadOnlyList<string> GatherFromOtherEnd => [];

    /// <summary>
    /// Our node is missing, or reads Initialising although this instance already left Initialising:
    /// the toolstack removed the directory (and maybe wrote a new one) since we last looked.
    /// </summary>
    private bool OwnNodeGone(XsResult read)
    {
        if (read.Error == XsdError.ENOENT)
            return true;
        if (!read.IsOk)
        {
            Log.Warning($"{Device.StatePath}: reading own state failed with {read.ErrorName}");
            return false;
        }
        return XenbusStateText.ParseOrUnknown(read.Value) == XenbusState.Initialising && Device.State != XenbusState.Initialising;
    }

    /// <summary>The driver's otherend_changed, with the nodes it asked to have gathered (<see cref="GatherFromOtherEnd"/>).</summary>
    protected abstract Task OtherEndChangedAsync(XenbusState otherState, IReadOnlyDictionary<string, string?> gathered);

    /// <summary>Records a driver failure where the toolstack finds it, then Closing (xenbus_dev_fatal).</summary>
    protected Task FatalAsync(Errno errno, string message)
    {
        Log.Error($"{Device.NodeName}: {message}");
        return Device.DevFatalAsync(errno, message);
    }

    private sealed class OtherEndCheck
    {
        public static readonly OtherEndCheck Instance = new();
    }
}
