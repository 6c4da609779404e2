namespace XenActors.Xen.Pci.Spec;

/// <summary>rdm_policy: what to do when a reserved device memory region clashes (libxl default strict).</summary>
public enum RdmPolicy
{
    Strict,
    Relaxed,
}
