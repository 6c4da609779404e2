namespace XenActors.Xen.Network;

/// <summary>The bond no longer uses the slave: the device may go.</summary>
public sealed record SlaveReleased(NicPath Path);
