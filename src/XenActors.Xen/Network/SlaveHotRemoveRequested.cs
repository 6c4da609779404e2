namespace XenActors.Xen.Network;

/// <summary>The guest's driver is told the device will go (pcifront's "desire of device removal"): release the slave now. Answered with <see cref="SlaveReleased"/>.</summary>
public sealed record SlaveHotRemoveRequested(NicPath Path);
