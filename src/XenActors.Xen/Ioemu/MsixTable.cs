using System.Buffers.Binary;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// The MSI-X table ioemu traps (qemu pt_msix): the guest writes addresses and data in its own terms,
/// ioemu turns unmasked entries into pirqs. The page holding the table is never mapped straight through.
/// </summary>
internal sealed class MsixTable
{
    public const int EntrySize = 16;
    private const int VectorControl = 12;
    private readonly byte[] table;

    public MsixTable(PciFunction host, int capability)
    {
        Capability = capability;
        EntryCount = (int)(host.Read(capability + 2, 2) & 0x7ff) + 1;
        var tableReg = host.Read(capability + 4, 4);
        Bar = (int)(tableReg & 7);
        Offset = tableReg & ~7u;
        table = new byte[EntryCount * EntrySize];
        for (var i = 0; i < EntryCount; i++) table[i * EntrySize + VectorControl] = 1; // masked at reset
    }

    public int Capability { get; }

    public int EntryCount { get; }

    public int Bar { get; }

    public uint Offset { get; }

    public int Length => table.Length;

    /// <summary>BAR-relative pages the table covers: they stay trapped.</summary>
    public IEnumerable<long> Pages => Enumerable.Range((int)(Offset / PciLimits.PageSize), (int)((Offset + (uint)Length - 1) / PciLimits.PageSize - Offset / PciLimits.PageSize) + 1).Select(p => (long)p);

    public bool Masked(int entry) => (table[entry * EntrySize + VectorControl] & 1) != 0;

    /// <summary>The x86 MSI destination ID (address bits 19:12): the vCPU the guest chose.</summary>
    public int Destination(int entry) => (int)((BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(entry * EntrySize)) >> 12) & 0xff);

    public uint Read(int offset, int size) => size switch
    {
        1 => table[offset],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(table.AsSpan(offset)),
        _ => BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(offset)),
    };

    public void Write(int offset, int size, uint value)
    {
        for (var i = 0; i < size; i++) table[offset + i] = (byte)(value >> (8 * i));
    }
}
