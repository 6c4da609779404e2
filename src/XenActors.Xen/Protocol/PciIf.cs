namespace XenActors.Xen.Protocol;

/// <summary>
/// The shared pci-op page of <c>public/io/pciif.h</c>: magic, flag bits and the byte layout
/// of <c>struct xen_pci_sharedinfo</c> (all fields are naturally aligned 32-bit words, no padding).
/// </summary>
public static class PciIf
{
    /// <summary>XEN_PCI_MAGIC, written by pcifront to <c>magic</c>; pciback halts on anything else.</summary>
    public const string Magic = "7";

    /// <summary>The granted page is one 4 KiB frame.</summary>
    public const int PageSize = 4096;

    /// <summary>SH_INFO_MAX_VEC: capacity of <c>msix_entries</c>; pcifront refuses more with -EINVAL.</summary>
    public const int MaxMsixEntries = 128;

    /// <summary>_XEN_PCIF_active: a frontend request is pending.</summary>
    public const int FlagBitFrontendActive = 0;

    /// <summary>_XEN_PCIB_AERHANDLER: the frontend can handle AER requests.</summary>
    public const int FlagBitAerHandler = 1;

    /// <summary>_XEN_PCIB_active: a backend AER request is pending.</summary>
    public const int FlagBitBackendActive = 2;

    public const uint FrontendActive = 1u << FlagBitFrontendActive;
    public const uint AerHandler = 1u << FlagBitAerHandler;
    public const uint BackendActive = 1u << FlagBitBackendActive;

    // Byte offsets inside the page: sharedinfo{flags; op; aer_op}.
    public const int FlagsOffset = 0;
    public const int OpOffset = 4;
    public const int OpCmdOffset = OpOffset + 0;
    public const int OpErrOffset = OpOffset + 4;
    public const int OpDomainOffset = OpOffset + 8;
    public const int OpBusOffset = OpOffset + 12;
    public const int OpDevfnOffset = OpOffset + 16;
    public const int OpOffsetOffset = OpOffset + 20;
    public const int OpSizeOffset = OpOffset + 24;
    public const int OpValueOffset = OpOffset + 28;
    public const int OpInfoOffset = OpOffset + 32;

    /// <summary>Each entry is <c>{u16 vector; u16 entry}</c>.</summary>
    public const int OpMsixEntriesOffset = OpOffset + 36;

    public const int OpSize = 36 + (MaxMsixEntries * 4);
    public const int AerOpOffset = OpOffset + OpSize;
    public const int AerOpCmdOffset = AerOpOffset + 0;
    public const int AerOpErrOffset = AerOpOffset + 4;
    public const int AerOpDomainOffset = AerOpOffset + 8;
    public const int AerOpBusOffset = AerOpOffset + 12;
    public const int AerOpDevfnOffset = AerOpOffset + 16;
    public const int SharedInfoSize = AerOpOffset + 20;
}
