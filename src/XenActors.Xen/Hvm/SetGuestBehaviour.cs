namespace XenActors.Xen.Hvm;

/// <summary>Changes the guest's hot-plug behaviour from now on (drills).</summary>
public sealed record SetGuestBehaviour(GuestKernelOptions Options);
