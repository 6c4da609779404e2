namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>xc_domain_set_target: the stub domain becomes the device model of the guest and may issue its device-model hypercalls. Answered with <c>XenResult</c>.</summary>
public sealed record HvSetDeviceModel(int Guest, int StubDomain) : IHypervisorRequest;
