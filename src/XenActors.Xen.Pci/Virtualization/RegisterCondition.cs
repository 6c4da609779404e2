namespace XenActors.Xen.Pci.Virtualization;

/// <summary>When a register of a group exists (QEMU returns XEN_PT_INVALID_REG from init otherwise).</summary>
public enum RegisterCondition
{
    Always,
    HostValueInit,
    Msi32Bit,
    Msi64Bit,
    MsiMask32Bit,
    MsiMask64Bit,
    PcieHasLink,
    PcieVersion2,
}
