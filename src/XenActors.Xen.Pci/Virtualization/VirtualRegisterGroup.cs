namespace XenActors.Xen.Pci.Virtualization;

internal sealed class VirtualRegisterGroup(RegisterGroupInfo info, int baseOffset, int size)
{
    public RegisterGroupInfo Info { get; } = info;

    public int Base { get; } = baseOffset;

    public int Size { get; } = size;

    public List<VirtualRegister> Registers { get; } = [];

    public bool Contains(int address) => address >= Base && address < Base + Size;

    public VirtualRegister? Find(int address) => Registers.Find(r => r.Covers(address));
}
