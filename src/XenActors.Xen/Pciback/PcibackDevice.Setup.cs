using System.Globalization;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Pciback;

/// <summary>
/// The backend's set-up and reconfiguration: which listed functions to export or release, and what to publish for them.
/// Linux reads and writes the entries one by one; here the reads of every index go out in one round trip and the writes
/// in another, in the order the one-by-one code makes them, so the store ends up the same and a watcher sees the same
/// sequence of changes.
/// </summary>
public sealed partial class PcibackDevice
{
    /// <summary>xen_pcibk_reconfigure: runs only while our own node reads Reconfiguring.</summary>
    private async Task ReconfigureAsync()
    {
        // Our state and num_devs go out together; the listing is unused when we are not Reconfiguring.
        var owning = Device.ReadOwnStateAsync();
        var listing = ListedFunctionsAsync();
        var (own, listed) = (await owning, await listing);
        if (own != XenbusState.Reconfiguring)
            return;
        Device.AssumeState(XenbusState.Reconfiguring);
        await ApplyListedAsync(listed, XenbusState.Reconfigured);
    }

    /// <summary>num_devs, then every index's entries (<see cref="ListedFunction"/>) pipelined: only pciback writes them meanwhile.</summary>
    private async Task<ListedFunction[]> ListedFunctionsAsync()
    {
        var count = await NumDevsAsync();
        var read = await Store.TryReadAllAsync(Enumerable.Range(0, count).SelectMany(i => new[]
        {
            Path(XenbusPci.DeviceState(i)), Path(XenbusPci.Dev(i)), Path(XenbusPci.VDevFn(i)),
            Path(XenbusPci.Opts(i)), Path(XenbusPci.Key(i)), Path(XenbusPci.VDev(i)),
        }));
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var r = read.AsSpan(i * 6, 6);
            return new ListedFunction(i, XenbusStateText.ParseOrUnknown(r[0]), r[1], r[2], r[3], r[4], r[5]);
        })];
    }

    /// <summary>
    /// xen_pcibk_setup_backend's loop and xen_pcibk_reconfigure's: a function whose state-N reads Initialising is
    /// exported (vdev-N, then state-N = Initialised), one reading Closing leaves the virtual bus (state-N stays), then
    /// the root bus is published (root-0 before root_num), and the device switches to <paramref name="next"/> (its
    /// transaction begun behind the writes, in their round trip). The first function that cannot be exported stops it,
    /// as Linux's <c>goto out</c> does: what was exported before it is written, the error is reported, false.
    /// </summary>
    private async Task<bool> ApplyListedAsync(IReadOnlyList<ListedFunction> listed, XenbusState next)
    {
        var writes = new List<XsRequest>();
        foreach (var f in listed)
        {
            if (f.State == XenbusState.Closing)
            {
                if (f.VDev is { } vdev && ParseVdev(vdev) is { } devfn)
                    _bus.Remove(devfn);
                continue;
            }
            if (f.State != XenbusState.Initialising)
                continue;
            if (Export(f, out var error) is not { } vdevText)
            {
                await Store.PipelineAsync(writes);
                await FatalAsync(Errno.EINVAL, error!);
                return false;
            }
            writes.Add(Store.Write(Path(XenbusPci.VDev(f.Index)), vdevText));
            writes.Add(Store.Write(Path(XenbusPci.DeviceState(f.Index)), XenbusStateText.Format(XenbusState.Initialised)));
        }
        if (!_rootsPublished)
        {
            writes.Add(Store.Write(Path(XenbusPci.Root(0)), "0000:00"));
            writes.Add(Store.Write(Path(XenbusPci.RootNum), "1"));
        }
        var written = Store.PipelineAsync(writes);
        var begun = Store.BeginTransaction();
        await written;
        _rootsPublished = true;
        await Device.SwitchStateAsync(next, begun);
        return true;
    }

    /// <summary>xen_pcibk_export_device: dev-N at the toolstack's vdevfn-N; the vdev-N to publish, or null and why not.</summary>
    private string? Export(ListedFunction f, out string? error)
    {
        var vdevfn = 0;
        if (!PciAddress.TryParse(f.Dev, out var address) || !_inventory.TryGet(address, out var function)
            || (f.VDevFn is not null && (!int.TryParse(f.VDevFn, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out vdevfn) || vdevfn is < 0 or > 0xff)))
        {
            error = $"Error parsing pci device configuration ({f.Dev})";
            return null;
        }
        var permissive = (f.Opts ?? "").Contains("permissive=1", StringComparison.Ordinal);
        return _bus.Export(function, f.Key ?? address.Slot.ToString(), vdevfn, permissive, out error)?.VdevText;
    }
}
