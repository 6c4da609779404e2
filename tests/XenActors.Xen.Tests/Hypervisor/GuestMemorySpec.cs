using XenActors.Xen.Hypervisor;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Hypervisor;

public class GuestMemorySpec
{
    [Fact]
    public void Must_read_zeros_from_untouched_pages_and_store_only_written_ones()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var buffer = new byte[16];
        buffer.AsSpan().Fill(0xAA);
        host.Xen.ReadGuestMemory(guest, 0x5000, buffer).ThrowIfFailed();
        Assert.All(buffer, b => Assert.Equal(0, b));

        host.Xen.WriteGuestMemory(guest, 0x1FFE, [1, 2, 3, 4]).ThrowIfFailed();
        Assert.Equal([1L, 2L], host.Xen.PopulatedFrames(guest).Value);
        var back = new byte[4];
        host.Xen.ReadGuestMemory(guest, 0x1FFE, back).ThrowIfFailed();
        Assert.Equal([1, 2, 3, 4], back);
    }

    [Fact]
    public void Must_fault_accesses_outside_guest_memory_with_EFAULT()
    {
        var host = new Host();
        var guest = host.Guest("g", memoryMiB: 1);
        Assert.Equal(Errno.EFAULT, host.Xen.WriteGuestMemory(guest, 0xFFFFE, [1, 2, 3]).Errno);
        Assert.True(host.Xen.WriteGuestMemory(guest, 0xFFFFD, [1, 2, 3]).IsSuccess);
        Assert.Equal(Errno.EFAULT, host.Xen.ReadFrame(guest, 256).Errno);
    }

    [Fact]
    public void Must_track_dirty_pages_only_in_log_dirty_mode_and_reset_on_clean()
    {
        var host = new Host();
        var guest = host.Guest("g");
        host.Xen.WriteGuestMemory(guest, 0x3000, [9]).ThrowIfFailed();
        Assert.Equal(Errno.EINVAL, host.Xen.CleanDirtyFrames(guest).Errno);

        host.Xen.EnableLogDirty(guest).ThrowIfFailed();
        host.Xen.WriteGuestMemory(guest, 0x7000, [1]).ThrowIfFailed();
        host.Xen.WriteGuestMemory(guest, 0x2000, [1]).ThrowIfFailed();
        Assert.Equal([2L, 7L], host.Xen.PeekDirtyFrames(guest).Value);
        Assert.Equal([2L, 7L], host.Xen.CleanDirtyFrames(guest).Value);
        Assert.Empty(host.Xen.CleanDirtyFrames(guest).Value);

        host.Xen.WriteGuestMemory(guest, 0x7001, [2]).ThrowIfFailed();
        Assert.Equal([7L], host.Xen.CleanDirtyFrames(guest).Value);
        host.Xen.DisableLogDirty(guest).ThrowIfFailed();
        Assert.Equal(Errno.EINVAL, host.Xen.PeekDirtyFrames(guest).Errno);
    }

    [Fact]
    public void Must_copy_frames_between_domains_byte_for_byte_as_migration_does()
    {
        var host = new Host();
        var source = host.Guest("src");
        var target = host.Guest("dst");
        host.Xen.WriteGuestMemory(source, 0x4010, "hello"u8).ThrowIfFailed();
        foreach (var gfn in host.Xen.PopulatedFrames(source).Value)
        {
            host.Xen.WriteFrame(target, gfn, host.Xen.ReadFrame(source, gfn).Value!).ThrowIfFailed();
        }

        var copy = new byte[5];
        host.Xen.ReadGuestMemory(target, 0x4010, copy).ThrowIfFailed();
        Assert.Equal("hello"u8.ToArray(), copy);
        Assert.Null(host.Xen.ReadFrame(source, 9).Value);
    }

    [Fact]
    public void Must_translate_ram_frames_to_distinct_machine_frames_per_domain()
    {
        var host = new Host();
        var a = host.Guest("a");
        var b = host.Guest("b");
        var ma = host.Xen.GuestToMachineFrame(a, 5).Value;
        var mb = host.Xen.GuestToMachineFrame(b, 5).Value;
        Assert.NotEqual(ma, mb);
        Assert.Equal(5, host.Xen.GuestToMachineFrame(0, 5).Value);
        Assert.Equal(Errno.ENOENT, host.Xen.GuestToMachineFrame(a, 64 * 256).Errno);
    }
}
