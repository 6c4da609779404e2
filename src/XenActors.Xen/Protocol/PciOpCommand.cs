namespace XenActors.Xen.Protocol;

/// <summary>XEN_PCI_OP_* commands carried in <c>xen_pci_op.cmd</c> (<c>public/io/pciif.h</c>).</summary>
public enum PciOpCommand
{
    ConfRead = 0,
    ConfWrite = 1,
    EnableMsi = 2,
    DisableMsi = 3,
    EnableMsix = 4,
    DisableMsix = 5,
    AerDetected = 6,
    AerResume = 7,
    AerMmio = 8,
    AerSlotReset = 9,

    /// <summary>Present in the Xen header only; Linux pciback answers it with not_implemented.</summary>
    EnableMultiMsi = 10,
}
