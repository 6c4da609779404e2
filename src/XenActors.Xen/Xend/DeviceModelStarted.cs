using XenActors.Actor;

namespace XenActors.Xen.Xend;

/// <summary>The launcher's answer to <see cref="HvmGuestStarted"/>: where the guest's ioemu runs.</summary>
public sealed record DeviceModelStarted(IActorRef DeviceModel);
