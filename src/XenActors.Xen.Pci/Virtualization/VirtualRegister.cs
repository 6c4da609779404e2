namespace XenActors.Xen.Pci.Virtualization;

/// <summary>An instantiated register: its table entry, absolute offset, emulated data and effective masks.</summary>
internal sealed class VirtualRegister(RegisterInfo info, int offset, uint data, uint emu, uint ro)
{
    public RegisterInfo Info { get; } = info;

    public int Offset { get; } = offset;

    public uint Data { get; set; } = data;

    /// <summary>Effective masks: the table's, except BARs whose masks depend on kind and size.</summary>
    public uint Emu { get; } = emu;

    public uint Ro { get; } = ro;

    public int BarIndex { get; init; } = -1;

    public bool Covers(int address) => address >= Offset && address < Offset + Info.Size;
}
