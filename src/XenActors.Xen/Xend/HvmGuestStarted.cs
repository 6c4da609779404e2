using XenActors.Xen.Ioemu;

namespace XenActors.Xen.Xend;

/// <summary>
/// Sent by xend to the host's launcher: start this HVM domain's kernel and its device model with
/// <paramref name="DeviceModel"/>. Answered with <see cref="DeviceModelStarted"/>.
/// </summary>
public sealed record HvmGuestStarted(int Domid, string Name, IoemuOptions DeviceModel);
