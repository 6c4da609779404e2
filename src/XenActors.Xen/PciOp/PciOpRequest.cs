using System.Buffers.Binary;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.PciOp;

/// <summary>
/// <c>struct xen_pci_op</c> as it sits in the shared page (without the MSI-X table, which config
/// accesses do not use). <see cref="Read"/> and <see cref="WriteTo"/> use the pciif.h byte layout.
/// </summary>
public readonly record struct PciOpRequest(PciOpCommand Cmd, int Err, uint Domain, uint Bus, uint Devfn, int Offset, int Size, uint Value)
{
    /// <summary>Bytes from the start of the page that hold flags and these fields.</summary>
    public const int Length = PciIf.OpInfoOffset + 4;

    public static uint Flags(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt32LittleEndian(page[PciIf.FlagsOffset..]);

    public static PciOpRequest Read(ReadOnlySpan<byte> page) => new(
        (PciOpCommand)BinaryPrimitives.ReadUInt32LittleEndian(page[PciIf.OpCmdOffset..]),
        BinaryPrimitives.ReadInt32LittleEndian(page[PciIf.OpErrOffset..]),
        BinaryPrimitives.ReadUInt32LittleEndian(page[PciIf.OpDomainOffset..]),
        BinaryPrimitives.ReadUInt32LittleEndian(page[PciIf.OpBusOffset..]),
        BinaryPrimitives.ReadUInt32LittleEndian(page[PciIf.OpDevfnOffset..]),
        BinaryPrimitives.ReadInt32LittleEndian(page[PciIf.OpOffsetOffset..]),
        BinaryPrimitives.ReadInt32LittleEndian(page[PciIf.OpSizeOffset..]),
        BinaryPrimitives.ReadUInt32LittleEndian(page[PciIf.OpValueOffset..]));

    /// <summary>Flags word followed by the op, ready to be written at offset 0 of the page.</summary>
    public byte[] ToPage(uint flags)
    {
        var page = new byte[Length];
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(PciIf.FlagsOffset), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(PciIf.OpCmdOffset), (uint)Cmd);
        BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(PciIf.OpErrOffset), Err);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(PciIf.OpDomainOffset), Domain);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(PciIf.OpBusOffset), Bus);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(PciIf.OpDevfnOffset), Devfn);
        BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(PciIf.OpOffsetOffset), Offset);
        BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(PciIf.OpSizeOffset), Size);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(PciIf.OpValueOffset), Value);
        return page;
    }
}
