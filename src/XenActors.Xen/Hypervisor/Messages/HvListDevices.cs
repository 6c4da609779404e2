namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>Every known function and its owner. Answered with <c>IReadOnlyList&lt;PciFunctionInfo&gt;</c>.</summary>
public sealed record HvListDevices : IHypervisorRequest;
