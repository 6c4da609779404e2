using XenActors.Remote.Serialization;

namespace XenActors.Hosting.XenWire;

public static partial class XenWire
{
    private static void RegisterHvm(SerializerRegistry r)
    {
        var c = HvmJsonContext.Default;
        Json(r, "xen.hvm.AcpiGpe", c.AcpiGpe);
        Json(r, "xen.hvm.AcpiEject", c.AcpiEject);
        Json(r, "xen.hvm.AcpiOst", c.AcpiOst);
        Json(r, "xen.hvm.AcpiNotify", c.AcpiNotify);
        Json(r, "xen.hvm.AcpiInsertionAcknowledged", c.AcpiInsertionAcknowledged);
        Json(r, "xen.hvm.PcieHotplugInterrupt", c.PcieHotplugInterrupt);
        Json(r, "xen.hvm.PcieAerInterrupt", c.PcieAerInterrupt);
        Json(r, "xen.hvm.GuestListDevices", c.GuestListDevices);
        Json(r, "xen.hvm.GuestDeviceList", c.GuestDeviceList);
        Json(r, "xen.hvm.GuestPciDevice", c.GuestPciDevice);
        Json(r, "xen.hvm.SetGuestBehaviour", c.SetGuestBehaviour);
        Json(r, "xen.hvm.GuestKernelOptions", c.GuestKernelOptions);
        Json(r, "xen.hvm.GuestPlatformReady", c.GuestPlatformReady);
        Json(r, "xen.hvm.GuestKernelLog", c.GuestKernelLog);
        Json(r, "xen.hvm.HotplugTrail", c.HotplugTrail);
        Json(r, "xen.hvm.HotplugHop", c.HotplugHop);
    }
}
