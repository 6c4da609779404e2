using System.Globalization;
using XenActors.Xen.Protocol;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xenbus;

/// <summary>
/// The part of Linux's <c>struct xenbus_device</c> and xenbus_client.c a split driver uses: its node,
/// the other end's node, the cached <c>dev-&gt;state</c>, <c>xenbus_switch_state</c> and
/// <c>xenbus_dev_fatal</c>. Not thread-safe: one driver actor owns it.
/// </summary>
public sealed class XenbusDevice(XenStoreClient store, string nodeName, string otherEnd)
{
    public XenStoreClient Store { get; } = store;

    /// <summary>Absolute path of this end's directory.</summary>
    public string NodeName { get; } = nodeName;

    /// <summary>Absolute path of the other end's directory.</summary>
    public string OtherEnd { get; } = otherEnd;

    /// <summary>dev->state: what this end last switched to (not re-read from the store).</summary>
    public XenbusState State { get; private set; } = XenbusState.Initialising;

    public string StatePath => NodeName + "/" + XenbusPci.State;

    public string OtherEndStatePath => OtherEnd + "/" + XenbusPci.State;

    /// <summary>xenbus_read_driver_state: a missing node reads as Unknown.</summary>
    public async Task<XenbusState> ReadStateAsync(string dir) =>
        XenbusStateText.ParseOrUnknown(await Store.TryReadAsync(dir + "/" + XenbusPci.State).ConfigureAwait(true));

    public Task<XenbusState> ReadOwnStateAsync() => ReadStateAsync(NodeName);

    /// <summary>
    /// xenbus_switch_state: nothing if <paramref name="state"/> equals the cached state; otherwise, in a
    /// transaction retried on EAGAIN, write it unless the node has vanished (the device is going away).
    /// The read and the write go out pipelined and the read decides the end: commit, or abort when the node
    /// was gone, which drops the write with the transaction. The store sees the same four requests as
    /// Linux sends, in one round trip fewer. With <paramref name="begun"/> (<see cref="XenStoreClient.BeginTransaction"/>,
    /// sent behind the caller's previous requests) the first attempt runs in it, one round trip fewer again; it is
    /// abandoned when there is nothing to switch.
    /// </summary>
    public async Task SwitchStateAsync(XenbusState state, Task<XsResult>? begun = null)
    {
        if (state == State)
        {
            if (begun is not null)
                await Store.AbandonAsync(begun).ConfigureAwait(true);
            return;
        }
        var result = await Store.TransactionAsync(async tx =>
        {
            var replies = await Store.PipelineAsync(Store.Read(StatePath, tx), Store.Write(StatePath, XenbusStateText.Format(state), tx)).ConfigureAwait(true);
            if (replies[0].Error == XsdError.ENOENT)
                return false;
            if (!replies[1].IsOk)
                throw new XenStoreException($"writing new state {state} to {StatePath}", replies[1].Error);
            return true;
        }, begun).ConfigureAwait(true);
        if (!result.IsOk)
            throw new XenStoreException($"switching {NodeName} to {state}", result.Error);
        State = state;
    }

    /// <summary>
    /// Runs <paramref name="work"/> (pcifront's bus scan: pci-ops, no store requests), then switches to
    /// <paramref name="state"/>; the switch's transaction begins as the work starts and is answered while it runs,
    /// so the switch costs one round trip fewer once the work is done. Abandoned if the work throws.
    /// </summary>
    public async Task SwitchStateAfterAsync(XenbusState state, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var begun = Store.BeginTransaction();
        try
        {
            await work().ConfigureAwait(true);
        }
        catch
        {
            await Store.AbandonAsync(begun).ConfigureAwait(true);
            throw;
        }
        await SwitchStateAsync(state, begun).ConfigureAwait(true);
    }

    /// <summary>Adopts a state someone else wrote (the toolstack's Initialising), without writing it.</summary>
    public void AssumeState(XenbusState state) => State = state;

    /// <summary>
    /// xenbus_dev_fatal: writes <c>error/&lt;nodename&gt;/error = "&lt;errno&gt; &lt;message&gt;"</c> under this
    /// domain's home, then switches to Closing.
    /// </summary>
    public async Task DevFatalAsync(Errno errno, string message)
    {
        var home = FormattableString.Invariant($"/local/domain/{Store.DomId}/");
        var relative = NodeName.StartsWith(home, StringComparison.Ordinal) ? NodeName[home.Length..] : NodeName.TrimStart('/');
        var text = ((int)errno).ToString(CultureInfo.InvariantCulture) + " " + message;
        await Store.WriteAsync(home + "error/" + relative + "/error", text).ConfigureAwait(true);
        await SwitchStateAsync(XenbusState.Closing).ConfigureAwait(true);
    }
}
