using XenActors.Actor;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Lspci;
using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Xend;

// xm pci-dump. HVM: the device model renders what it emulates (DumpPciView). PV: xend renders the guest view
// itself from the backend's dev-N/vdevfn-N entries, with a fresh VirtualConfigSpace over the host function (the
// rules pciback's filter applies), at 0000:00:SLOT.FN on pcifront's virtual bus.
internal sealed partial class PciController
{
    private async Task<XmResult> DumpAsync(bool physical)
    {
        string text;
        if (_deviceModel is not null)
        {
            text = (await _deviceModel.Ask<PciViewDump>(new DumpPciView(physical), DeviceModelWait)).Text;
        }
        else
        {
            var functions = new List<(PciAddress Guest, PciFunction Host)>();
            foreach (var (_, dev, vdevfn) in await ListedAsync())
            {
                if (!_inventory.TryGet(dev, out var function))
                    return XmResult.Error($"PCI device {dev} not found");
                var v = vdevfn ?? 0;
                functions.Add((new PciAddress(0, 0, v >> 3, v & 7), function));
            }
            text = physical
                ? LspciDumpCodec.Write(functions.Select(f => f.Host))
                : LspciDumpCodec.Write(functions.OrderBy(f => f.Guest).Select(f => GuestEntry(f.Guest, f.Host)));
        }
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return XmResult.Ok(lines: lines, domid: _domid);
    }

    /// <summary>The PV guest's view: the filtered conventional space, and the extended space (passed through) when the device has one.</summary>
    private static LspciDumpEntry GuestEntry(PciAddress guest, PciFunction host)
    {
        var length = host.KnownLength >= PciLimits.ExtendedConfigSize ? PciLimits.ExtendedConfigSize : PciLimits.ConventionalConfigSize;
        return new LspciDumpEntry(guest, false, PciNames.Describe(host), new VirtualConfigSpace(host).GuestView(length));
    }
}
