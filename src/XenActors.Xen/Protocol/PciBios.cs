namespace XenActors.Xen.Protocol;

/// <summary>
/// PCIBIOS_* return codes of the Linux PCI core, and the mapping pcifront applies to
/// a backend error (<c>errno_to_pcibios_err</c> in xen-pcifront.c).
/// </summary>
public static class PciBios
{
    public const int Successful = 0x00;
    public const int FuncNotSupported = 0x81;
    public const int BadVendorId = 0x83;
    public const int DeviceNotFound = 0x86;
    public const int BadRegisterNumber = 0x87;
    public const int SetFailed = 0x88;
    public const int BufferTooSmall = 0x89;

    /// <summary>
    /// op_failed maps to BAD_REGISTER_NUMBER like invalid_offset, and access_denied to SET_FAILED:
    /// that is what the frontend does, odd as it looks. Unknown codes fall through unchanged.
    /// </summary>
    public static int FromPciOpError(int err) => err switch
    {
        (int)PciOpError.Success => Successful,
        (int)PciOpError.DevNotFound => DeviceNotFound,
        (int)PciOpError.InvalidOffset => BadRegisterNumber,
        (int)PciOpError.AccessDenied => SetFailed,
        (int)PciOpError.NotImplemented => FuncNotSupported,
        (int)PciOpError.OpFailed => BadRegisterNumber,
        _ => err,
    };

    public static int FromPciOpError(PciOpError err) => FromPciOpError((int)err);
}
