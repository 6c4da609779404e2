namespace XenActors.Xen.Ioemu.Messages;

public enum SlotState
{
    /// <summary>Assigned in the hypervisor; waiting for the guest to acknowledge the insertion.</summary>
    Attaching,
    Attached,

    /// <summary>Removal requested; waiting for the guest to eject.</summary>
    Detaching,
}
