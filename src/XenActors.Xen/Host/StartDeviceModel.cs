using XenActors.Actor;
using XenActors.Xen.Ioemu;

namespace XenActors.Xen.Host;

/// <summary>
/// Split host: start this HVM domain's ioemu here, talking to a kernel that runs on another node. Answered with
/// <see cref="Xend.DeviceModelStarted"/>, like <see cref="Xend.HvmGuestStarted"/>.
/// </summary>
public sealed record StartDeviceModel(int Domid, IoemuOptions Options, IActorRef Kernel);
