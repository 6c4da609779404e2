namespace XenActors.Xen.Pci;

/// <summary>Type 0 header offsets and bits (Linux include/uapi/linux/pci_regs.h names).</summary>
public static class PciConfigRegisters
{
    public const int VendorId = 0x00;
    public const int DeviceId = 0x02;
    public const int Command = 0x04;
    public const int Status = 0x06;
    public const int RevisionId = 0x08;
    public const int ClassProgIf = 0x09;
    public const int ClassDevice = 0x0a;
    public const int CacheLineSize = 0x0c;
    public const int LatencyTimer = 0x0d;
    public const int HeaderType = 0x0e;
    public const int Bist = 0x0f;
    public const int BaseAddress0 = 0x10;
    public const int BaseAddress5 = 0x24;
    public const int SubsystemVendorId = 0x2c;
    public const int SubsystemId = 0x2e;
    public const int RomAddress = 0x30;
    public const int CapabilityList = 0x34;
    public const int InterruptLine = 0x3c;
    public const int InterruptPin = 0x3d;
    public const int HeaderSize = 0x40;
    public const int ExtendedCapabilityStart = 0x100;

    public const int BarCount = 6;

    public const byte HeaderTypeMultiFunction = 0x80;
    public const byte HeaderTypeMask = 0x7f;

    public const ushort CommandIo = 0x0001;
    public const ushort CommandMemory = 0x0002;
    public const ushort CommandMaster = 0x0004;
    public const ushort CommandIntxDisable = 0x0400;

    public const ushort StatusCapList = 0x0010;

    /// <summary>Status bits that are write-one-to-clear (parity, aborts, SERR).</summary>
    public const ushort StatusRw1cMask = 0xf900;

    public const uint BarSpaceIo = 0x1;
    public const uint BarMemType64 = 0x4;
    public const uint BarMemPrefetch = 0x8;
    public const uint BarMemFlagsMask = 0xf;
    public const uint BarIoFlagsMask = 0x3;
}
