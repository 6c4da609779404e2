using System.Buffers.Binary;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// A mapping of another domain's granted frame (GNTTABOP_map_grant_ref's handle). Reads and writes go
/// straight to the granter's page, as a shared page does; writes through a read-only mapping fault.
/// After <see cref="XenHypervisor.UnmapGrant"/> every access fails with EFAULT.
/// </summary>
public sealed class GrantMapping
{
    private readonly GuestMemory memory;
    private readonly ulong pageAddress;

    internal GrantMapping(int handle, int mapper, int granter, uint reference, bool readOnly, long frame, GuestMemory memory)
    {
        Handle = handle;
        Mapper = mapper;
        Granter = granter;
        Reference = reference;
        ReadOnly = readOnly;
        Frame = frame;
        this.memory = memory;
        pageAddress = (ulong)frame << GuestMemory.PageShift;
        IsMapped = true;
    }

    public int Handle { get; }

    public int Mapper { get; }

    public int Granter { get; }

    public uint Reference { get; }

    public bool ReadOnly { get; }

    /// <summary>The granter's guest frame number.</summary>
    public long Frame { get; }

    public bool IsMapped { get; internal set; }

    public XenResult Read(int offset, Span<byte> destination)
    {
        var check = Check(offset, destination.Length, write: false);
        if (!check.IsSuccess)
        {
            return check;
        }

        memory.Read(pageAddress + (ulong)offset, destination);
        return XenResult.Ok;
    }

    public XenResult Write(int offset, ReadOnlySpan<byte> source)
    {
        var check = Check(offset, source.Length, write: true);
        if (!check.IsSuccess)
        {
            return check;
        }

        memory.Write(pageAddress + (ulong)offset, source);
        return XenResult.Ok;
    }

    /// <summary>Little-endian 32-bit read, the width of every pci-op field.</summary>
    public XenResult<uint> ReadUInt32(int offset)
    {
        Span<byte> buffer = stackalloc byte[4];
        var result = Read(offset, buffer);
        return result.IsSuccess ? BinaryPrimitives.ReadUInt32LittleEndian(buffer) : result.Error;
    }

    public XenResult WriteUInt32(int offset, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        return Write(offset, buffer);
    }

    private XenResult Check(int offset, int length, bool write)
    {
        if (!IsMapped)
        {
            return new XenError(Errno.EFAULT, $"grant handle {Handle} is no longer mapped");
        }

        if (offset < 0 || length < 0 || offset + length > GuestMemory.PageSize)
        {
            return new XenError(Errno.EFAULT, $"access [{offset}, {offset + length}) is outside the granted page");
        }

        if (write && ReadOnly)
        {
            return new XenError(Errno.EFAULT, $"write through read-only mapping of grant {Reference} from domain {Granter}");
        }

        return XenResult.Ok;
    }
}
