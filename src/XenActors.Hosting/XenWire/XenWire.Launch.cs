using XenActors.Remote.Serialization;

namespace XenActors.Hosting.XenWire;

public static partial class XenWire
{
    private static void RegisterLaunch(SerializerRegistry r)
    {
        var c = LaunchJsonContext.Default;
        Json(r, "xen.launch.GuestStarted", c.GuestStarted);
        Json(r, "xen.launch.HvmGuestStarted", c.HvmGuestStarted);
        Json(r, "xen.launch.GuestDestroyed", c.GuestDestroyed);
        Json(r, "xen.launch.DeviceModelStarted", c.DeviceModelStarted);
        Json(r, "xen.launch.GuestKernelOf", c.GuestKernelOf);
        Json(r, "xen.launch.DeviceModelOf", c.DeviceModelOf);
        Json(r, "xen.launch.DomainActor", c.DomainActor);
        Json(r, "xen.launch.StopGuestKernel", c.StopGuestKernel);
        Json(r, "xen.launch.GuestLspci", c.GuestLspci);
        Json(r, "xen.launch.GuestPciBus", c.GuestPciBus);
        Json(r, "xen.launch.GuestPciDevice", c.GuestPciDevice);
    }
}
