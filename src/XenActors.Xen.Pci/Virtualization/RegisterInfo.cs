namespace XenActors.Xen.Pci.Virtualization;

/// <summary>
/// One emulated register (QEMU XenPTRegInfo). Masks, with <c>valid</c> the bytes a guest access covers:
/// read = (host &amp; ~(emu&amp;valid)) | (data &amp; emu&amp;valid); a write updates data in emu&amp;~ro
/// (Command: ~ro) and sends the guest's bits in ~(emu|ro) (less reserved ones unless permissive) to the
/// device, host bits elsewhere with RW1C bits cleared. <see cref="InitFromHost"/> seeds data from the device.
/// </summary>
public sealed record RegisterInfo(
    string Name,
    int Offset,
    int Size,
    uint EmuMask,
    uint RoMask = 0,
    uint ResMask = 0,
    uint Rw1cMask = 0,
    uint InitValue = 0,
    RegisterKind Kind = RegisterKind.Plain,
    RegisterCondition Condition = RegisterCondition.Always,
    bool InitFromHost = false)
{
    public uint WidthMask => Size == 4 ? uint.MaxValue : (1u << (Size * 8)) - 1;
}
