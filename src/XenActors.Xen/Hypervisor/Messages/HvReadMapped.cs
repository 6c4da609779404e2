namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>Reads bytes through a grant mapping. Answered with <c>XenResult&lt;byte[]&gt;</c>.</summary>
public sealed record HvReadMapped(int Mapper, int Handle, int Offset, int Length) : IHypervisorRequest;
