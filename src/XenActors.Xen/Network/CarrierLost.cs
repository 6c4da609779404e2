namespace XenActors.Xen.Network;

/// <summary>From a NIC to its bond: the device has no carrier (it vanished). The MII monitor acts on it at its next poll.</summary>
public sealed record CarrierLost(NicPath Path);
