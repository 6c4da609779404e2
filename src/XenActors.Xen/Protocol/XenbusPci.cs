namespace XenActors.Xen.Protocol;

/// <summary>XenStore paths and keys of the PCI split driver (reference §1–2), kept beside the other constants.</summary>
public static class XenbusPci
{
    /// <summary>Backend directory of a guest's virtual PCI bus, written by the toolstack in dom0.</summary>
    public static string BackendPath(int backendDomid, int frontendDomid) =>
        FormattableString.Invariant($"/local/domain/{backendDomid}/backend/pci/{frontendDomid}/0");

    /// <summary>Frontend directory inside the guest's own subtree.</summary>
    public static string FrontendPath(int frontendDomid) =>
        FormattableString.Invariant($"/local/domain/{frontendDomid}/device/pci/0");

    public const string State = "state";
    public const string PciOpRef = "pci-op-ref";
    public const string EventChannel = "event-channel";
    public const string Magic = "magic";
    public const string NumDevs = "num_devs";
    public const string RootNum = "root_num";

    /// <summary>Backend key the toolstack sets to 0 before closing: pciback unregisters once Closed instead of waiting for a reconnect.</summary>
    public const string Online = "online";

    /// <summary>Sub-state of device N: 1 attach request, 3 attached, 5 detach request.</summary>
    public static string DeviceState(int index) => Indexed("state-", index);

    public static string Dev(int index) => Indexed("dev-", index);
    public static string VDev(int index) => Indexed("vdev-", index);
    public static string Key(int index) => Indexed("key-", index);
    public static string Opts(int index) => Indexed("opts-", index);
    public static string VDevFn(int index) => Indexed("vdevfn-", index);
    public static string Root(int index) => Indexed("root-", index);

    private static string Indexed(string prefix, int index) => FormattableString.Invariant($"{prefix}{index}");
}
