namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>Writes bytes through a grant mapping. Answered with <c>XenResult</c>.</summary>
public sealed record HvWriteMapped(int Mapper, int Handle, int Offset, byte[] Data) : IHypervisorRequest;
