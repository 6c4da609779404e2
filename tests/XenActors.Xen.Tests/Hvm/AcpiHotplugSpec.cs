using XenActors.Configuration;
using XenActors.Scheduler;
using XenActors.Xen.Hvm;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Protocol;
using XenActors.Xen.Tests.Ioemu.Support;
using P = XenActors.Xen.Hvm.HotplugParticipant;

namespace XenActors.Xen.Tests.Hvm;

/// <summary>HVM attach and detach through the virtual BIOS's ACPI hot-plug (multi-function seed, figure 3), ioemu in dom0.</summary>
public sealed class AcpiHotplugSpec : TestKit.TestKit
{
    private readonly ManualTimeProvider time;

    public AcpiHotplugSpec() : this(new ManualTimeProvider()) { }

    private AcpiHotplugSpec(ManualTimeProvider time) : base(setup: new ActorSystemSetup { TimeProvider = time }) => this.time = time;

    private static PciInventory Usb(bool nonPageAligned = false) => new([SyntheticDevices.UsbControllerSet(nonPageAlignedMmioBar: nonPageAligned)]);

    private static PciAddress UsbFn(int f) => new(0, 0, 0x1d, f);

    [Fact]
    public async Task Must_raise_GPE_and_complete_attach_only_after_the_guest_acknowledges()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]), guest: new GuestKernelOptions { AckDelay = TimeSpan.FromSeconds(3) });
        var host = new PciAddress(0, 0, 4, 0);

        var attach = rig.Attach(host, 6);
        await AwaitConditionAsync(() => rig.GuestDevices().Result.Count == 1, HvmRig.Wait);
        Assert.False(attach.IsCompleted); // the guest scanned the slot but has not acknowledged yet
        Assert.Equal(1u << 6, (await rig.Port(AcpiPciHotplug.PciuPort, 4)).Value);

        time.Advance(TimeSpan.FromSeconds(3));
        var done = Assert.IsType<PciAttachCompleted>(await attach);

        Assert.Equal(
            [(P.Xm, P.Xend), (P.Xend, P.Ioemu), (P.Ioemu, P.Hypervisor), (P.Ioemu, P.VirtualBios), (P.VirtualBios, P.GuestKernel),
             (P.GuestKernel, P.VirtualBios), (P.VirtualBios, P.Ioemu), (P.Ioemu, P.Xend)],
            done.Trail.Path);
        Assert.Contains("GPE bit 1 (PCIU slot 6)", done.Trail.Hops[3].Event, StringComparison.Ordinal);
        Assert.Contains("Notify(S06, 1)", done.Trail.Hops[4].Event, StringComparison.Ordinal);
        Assert.Equal([new PciAddress(0, 0, 6, 0)], done.GuestAddresses);
        Assert.Equal(rig.GuestDomid, rig.OwnerOf(host));
        Assert.Equal(0u, (await rig.Port(AcpiPciHotplug.PciuPort, 4)).Value);
        Assert.Equal(1u << 6, (await rig.Port(AcpiPciHotplug.B0rmPort, 4)).Value);
    }

    [Fact]
    public async Task Must_attach_a_multi_function_device_function_zero_last_with_one_guest_notification()
    {
        var rig = new HvmRig(Sys, Usb());
        int[] fns = [0, 1, 2, 3, 7];

        var done = Assert.IsType<PciAttachCompleted>(await rig.Attach(fns.Select(f => new PassThroughFunction(UsbFn(f), f)), 8));

        var assigns = done.Trail.Hops.Where(h => h.To == P.Hypervisor).Select(h => h.Event).ToList();
        Assert.Equal(["0000:00:1d.7", "0000:00:1d.3", "0000:00:1d.2", "0000:00:1d.1", "0000:00:1d.0"], assigns.Select(e => e.Split(' ')[1]));
        Assert.Single(done.Trail.Hops, h => h.To == P.VirtualBios && h.From == P.Ioemu);
        var lastAssign = done.Trail.Hops.FindLastIndex(h => h.To == P.Hypervisor);
        Assert.True(lastAssign < done.Trail.Hops.FindIndex(h => h.To == P.VirtualBios));
        var seen = await rig.GuestDevices();
        Assert.Equal(fns.Select(f => new PciAddress(0, 0, 8, f)), seen.Select(d => d.Address));
        Assert.Equal([0x2934, 0x2935, 0x2936, 0x2937, 0x293a], seen.Select(d => (int)d.DeviceId));
    }

    [Fact]
    public async Task Must_detach_when_the_guest_ejects_and_return_the_functions_to_the_pool()
    {
        var rig = new HvmRig(Sys, Usb());
        await rig.Attach([new PassThroughFunction(UsbFn(0), 0), new PassThroughFunction(UsbFn(1), 1)], 5);

        var done = Assert.IsType<PciDetachCompleted>(await rig.Detach(5));

        Assert.Equal(
            [(P.Xm, P.Xend), (P.Xend, P.Ioemu), (P.Ioemu, P.VirtualBios), (P.VirtualBios, P.GuestKernel), (P.GuestKernel, P.VirtualBios),
             (P.VirtualBios, P.Ioemu), (P.Ioemu, P.Hypervisor), (P.Ioemu, P.Hypervisor), (P.Ioemu, P.Xend)],
            done.Trail.Path);
        Assert.Contains("Notify(S05, 3)", done.Trail.Hops[3].Event, StringComparison.Ordinal);
        Assert.Contains("B0EJ (0xae08) ← 0x00000020", done.Trail.Hops[5].Event, StringComparison.Ordinal);
        Assert.EndsWith("0000:00:1d.0 from 0000:00:05.0", done.Trail.Hops[7].Event, StringComparison.Ordinal); // function 0 leaves last
        Assert.Equal(DomainIds.Io, rig.OwnerOf(UsbFn(0)));
        Assert.Equal(DomainIds.Io, rig.OwnerOf(UsbFn(1)));
        Assert.Empty(await rig.GuestDevices());
        Assert.Empty((await rig.Ask<PciDeviceList>(QueryPci.Instance)).Devices);
    }

    [Fact]
    public async Task Must_refuse_a_non_page_aligned_MMIO_BAR_with_the_seed_message_and_change_nothing()
    {
        var rig = new HvmRig(Sys, Usb(nonPageAligned: true));

        var refused = Assert.IsType<PciAttachRefused>(await rig.Attach(UsbFn(0), 5));

        Assert.Equal("Error: pci: 0000:00:1d.0: non-page-aligned MMIO BAR found.", refused.XmOutput);
        Assert.Equal(DomainIds.Io, rig.OwnerOf(UsbFn(0)));
        Assert.DoesNotContain(refused.Trail.Hops, h => h.To is P.Hypervisor or P.VirtualBios);
        Assert.Empty(await rig.GuestDevices());
        Assert.Empty((await rig.Ask<PciDeviceList>(QueryPci.Instance)).Devices);
    }

    [Fact]
    public async Task Must_attach_the_same_device_when_dom0_booted_with_reassigndev()
    {
        var inventory = Usb(nonPageAligned: true);
        var moves = ReassignDevParameter.Parse("ro quiet reassigndev=0000:00:1d.0").Apply(inventory);
        var rig = new HvmRig(Sys, inventory);

        var done = Assert.IsType<PciAttachCompleted>(await rig.Attach(UsbFn(0), 5));

        Assert.Single(moves);
        Assert.StartsWith("pci 0000:00:1d.0: BAR 0 reassigned febff400 → ", moves[0], StringComparison.Ordinal);
        Assert.Null(inventory.Get(UsbFn(0)).FindNonPageAlignedMmioBar());
        Assert.Equal(rig.GuestDomid, rig.OwnerOf(UsbFn(0)));
        Assert.Empty(done.Warnings);
    }

    [Fact]
    public async Task Must_time_out_a_refused_eject_and_leave_the_device_attached_and_working()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]), o => new(o) { DetachTimeout = TimeSpan.FromSeconds(10) });
        var host = new PciAddress(0, 0, 4, 0);
        await rig.Attached(host, 4);
        rig.Guest.Tell(new SetGuestBehaviour(new GuestKernelOptions { Behaviour = GuestHotplugBehaviour.RefuseEject }), TestActor);
        var watch = HopWatcher.Watch(this, Sys);

        var detach = rig.Detach(4);
        watch.FishForMessage<GuestKernelLog>(l => l.Line.Contains("refused", StringComparison.Ordinal), HvmRig.Wait);
        Assert.False(detach.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        var failed = Assert.IsType<PciDetachFailed>(await detach);

        Assert.Equal("Error: timed out waiting for domain 1 to eject 0000:00:04.0 from virtual slot 0x04; the device stays attached", failed.XmOutput);
        Assert.Equal(rig.GuestDomid, rig.OwnerOf(host));
        Assert.Equal(SlotState.Attached, Assert.Single((await rig.Ask<PciDeviceList>(QueryPci.Instance)).Devices).State);
        Assert.Equal(0x8139_10ecu, await rig.Read(new PciAddress(0, 0, 4, 0), 0, 4));
        var irq = await rig.Ask<InterruptReply>(new DeviceInterrupt(host, Xen.Hypervisor.InterruptKind.Gsi));
        Assert.Null(irq.NotDelivered);
        Assert.Single(irq.Deliveries);
        Assert.Equal(0u, (await rig.Port(AcpiPciHotplug.PcidPort, 4)).Value);
    }

    [Fact]
    public async Task Must_roll_back_an_insertion_the_guest_never_acknowledges()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]), guest: new GuestKernelOptions { Behaviour = GuestHotplugBehaviour.IgnoreInsertion });
        var host = new PciAddress(0, 0, 4, 0);

        var attach = rig.Attach(host, 4);
        await AwaitConditionAsync(() => rig.GuestDevices().Result.Count == 1, HvmRig.Wait);
        time.Advance(rig.Options.AttachTimeout);
        var refused = Assert.IsType<PciAttachRefused>(await attach);

        Assert.StartsWith("timed out waiting for domain 1 to acknowledge 0000:00:04.0 in virtual slot 0x04", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(DomainIds.Io, rig.OwnerOf(host));
        Assert.Empty((await rig.Ask<PciDeviceList>(QueryPci.Instance)).Devices);
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, new[] { 1, 2 }, 5, "PCI device 0000:00:1d.1,2 does not include virtual function 0")]
    [InlineData(new[] { 0 }, new[] { 0 }, 2, "virtual slot 0x02 is taken by an emulated device")]
    [InlineData(new[] { 0 }, new[] { 0 }, 32, "virtual slot 0x20 is out of range: hot-plug slots are 1-31")]
    [InlineData(new[] { 6 }, new[] { 0 }, 5, "PCI device 0000:00:1d.6 not found on this host")]
    public async Task Must_refuse_bad_requests_with_a_clear_message_and_change_nothing(int[] physical, int[] virtualFns, int slot, string reason)
    {
        var rig = new HvmRig(Sys, Usb());

        var refused = Assert.IsType<PciAttachRefused>(await rig.Attach(physical.Zip(virtualFns, (p, v) => new PassThroughFunction(UsbFn(p), v)), slot));

        Assert.Equal(reason, refused.Reason);
        Assert.All(Usb().Functions, f => Assert.Equal(DomainIds.Io, rig.OwnerOf(f.Address)));
        Assert.Empty((await rig.Ask<PciDeviceList>(QueryPci.Instance)).Devices);
    }

    [Fact]
    public async Task Must_refuse_an_occupied_slot_and_a_device_already_attached()
    {
        var rig = new HvmRig(Sys, Usb());
        await rig.Attach([new PassThroughFunction(UsbFn(0), 0)], 5);

        var occupied = Assert.IsType<PciAttachRefused>(await rig.Attach([new PassThroughFunction(UsbFn(1), 0)], 5));
        var twice = Assert.IsType<PciAttachRefused>(await rig.Attach([new PassThroughFunction(UsbFn(0), 0)], 6));
        var empty = Assert.IsType<PciDetachFailed>(await rig.Detach(9));

        Assert.Equal("virtual slot 0x05 is occupied by 0000:00:1d.0", occupied.Reason);
        Assert.Equal("PCI device 0000:00:1d.0 is already attached to domain 1", twice.Reason);
        Assert.Equal("PCI device not attached to this domain: virtual slot 0x09 of domain 1 is empty", empty.Reason);
        Assert.Equal(DomainIds.Io, rig.OwnerOf(UsbFn(1)));
    }
}
