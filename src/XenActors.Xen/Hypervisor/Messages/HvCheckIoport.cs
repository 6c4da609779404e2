namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>May a trapped IN/OUT of the guest reach this machine port? Answered with <c>XenResult</c>.</summary>
public sealed record HvCheckIoport(int Domid, int Port, int Size) : IHypervisorRequest;
