namespace XenActors.Xen.Host;

/// <summary>
/// Split host: start only this HVM domain's kernel on this guest node (its device model runs elsewhere: dom0's node
/// or a stub domain's node). Answered with <see cref="HvmKernelStarted"/>.
/// </summary>
public sealed record StartHvmKernel(int Domid);
