using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci.Virtualization;
using XenActors.Xen.PciOp;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Pciback;

public sealed partial class PcibackDevice
{
    /// <summary>xen_pcibk_do_op: a pending frontend request on the page is served and acknowledged, all told.</summary>
    private void OnPciOp(int upcallPort, byte[] page)
    {
        if (_mapHandle is not { } handle || _port is not { } port || upcallPort != port)
            return;
        if (page.Length < PciOpRequest.Length || (PciOpRequest.Flags(page) & PciIf.FrontendActive) == 0)
            return;
        var op = PciOpRequest.Read(page);
        var answered = Serve(op);
        // Answer, clear the flag, notify: told in order (the hypervisor keeps it), nothing to wait for.
        _hv.Multicall(new HvWriteMapped(_backendDomid, handle, 0, answered.ToPage(PciOpRequest.Flags(page) & ~PciIf.FrontendActive)), new HvSend(_backendDomid, port));
    }

    private PciOpRequest Serve(PciOpRequest op)
    {
        if (_bus.Find(op.Domain, op.Bus, op.Devfn) is not { } function)
            return op with { Err = (int)PciOpError.DevNotFound };
        switch (op.Cmd)
        {
            case PciOpCommand.ConfRead:
                return function.Config.TryRead(op.Offset, op.Size, out var value) == ConfigAccessResult.Ok
                    ? op with { Err = 0, Value = value }
                    : op with { Err = (int)PciOpError.InvalidOffset, Value = 0 };
            case PciOpCommand.ConfWrite:
                // A write the filter drops is still answered 0, as pciback does.
                return function.Config.Write(op.Offset, op.Size, op.Value) == ConfigAccessResult.Ok
                    ? op with { Err = 0 }
                    : op with { Err = (int)PciOpError.InvalidOffset };
            default:
                return op with { Err = (int)PciOpError.NotImplemented };
        }
    }
}
