namespace XenActors.Xen.Hvm;

/// <summary>What the guest kernel has enumerated (its lspci). Answered by <see cref="GuestDeviceList"/>.</summary>
public sealed record GuestListDevices
{
    public static GuestListDevices Instance { get; } = new();
}
