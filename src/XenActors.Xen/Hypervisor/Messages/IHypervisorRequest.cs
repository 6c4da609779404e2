namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>A hypercall-shaped request to the host's <see cref="HypervisorActor"/>; the reply is a XenResult.</summary>
public interface IHypervisorRequest;
