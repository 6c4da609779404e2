namespace XenActors.Xen.Hvm;

/// <summary>A line the guest kernel logged (its dmesg), published on the event stream.</summary>
public sealed record GuestKernelLog(string Driver, string Line);
