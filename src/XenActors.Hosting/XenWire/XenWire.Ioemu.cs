using XenActors.Remote.Serialization;

namespace XenActors.Hosting.XenWire;

public static partial class XenWire
{
    private static void RegisterIoemu(SerializerRegistry r)
    {
        var c = IoemuJsonContext.Default;
        Json(r, "xen.ioemu.Options", c.IoemuOptions);
        Json(r, "xen.ioemu.PciAttach", c.PciAttach);
        Json(r, "xen.ioemu.PciAttachCompleted", c.PciAttachCompleted);
        Json(r, "xen.ioemu.PciAttachRefused", c.PciAttachRefused);
        Json(r, "xen.ioemu.PciDetach", c.PciDetach);
        Json(r, "xen.ioemu.PciDetachCompleted", c.PciDetachCompleted);
        Json(r, "xen.ioemu.PciDetachFailed", c.PciDetachFailed);
        Json(r, "xen.ioemu.QueryPci", c.QueryPci);
        Json(r, "xen.ioemu.PciDeviceList", c.PciDeviceList);
        Json(r, "xen.ioemu.DumpPciView", c.DumpPciView);
        Json(r, "xen.ioemu.PciViewDump", c.PciViewDump);
        Json(r, "xen.ioemu.GuestConfigRead", c.GuestConfigRead);
        Json(r, "xen.ioemu.GuestConfigWrite", c.GuestConfigWrite);
        Json(r, "xen.ioemu.ConfigAccessReply", c.ConfigAccessReply);
        Json(r, "xen.ioemu.GuestMmioAccess", c.GuestMmioAccess);
        Json(r, "xen.ioemu.MmioAccessReply", c.MmioAccessReply);
        Json(r, "xen.ioemu.GuestPortAccess", c.GuestPortAccess);
        Json(r, "xen.ioemu.PortAccessReply", c.PortAccessReply);
        Json(r, "xen.ioemu.GuestSetIntxDestination", c.GuestSetIntxDestination);
        Json(r, "xen.ioemu.DeviceDma", c.DeviceDma);
        Json(r, "xen.ioemu.DmaReply", c.DmaReply);
        Json(r, "xen.ioemu.DeviceInterrupt", c.DeviceInterrupt);
        Json(r, "xen.ioemu.InterruptReply", c.InterruptReply);
        Json(r, "xen.ioemu.InjectAerError", c.InjectAerError);
        Json(r, "xen.ioemu.OperationReply", c.OperationReply);
    }
}
