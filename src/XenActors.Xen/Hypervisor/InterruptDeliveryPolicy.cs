namespace XenActors.Xen.Hypervisor;

/// <summary>How a pass-through interrupt reaches the vCPU the guest programmed (I/O pass-through seed).</summary>
public enum InterruptDeliveryPolicy
{
    /// <summary>Xen 3.3: delivered to vCPU 0, then redirected if the guest chose another vCPU.</summary>
    Vcpu0ThenRedirect,

    /// <summary>The seed's planned enhancement: delivered straight to the guest-chosen vCPU.</summary>
    GuestSpecified,
}
