using XenActors.Configuration;
using XenActors.Scheduler;
using XenActors.Xen.Hvm;
using XenActors.Xen.Ioemu;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Protocol;
using XenActors.Xen.Tests.Ioemu.Support;
using P = XenActors.Xen.Hvm.HotplugParticipant;

namespace XenActors.Xen.Tests.Hvm;

/// <summary>PCIe native hot-plug through a virtual root port per slot, the alternative to ACPI chosen per guest.</summary>
public sealed class PcieNativeHotplugSpec : TestKit.TestKit
{
    private static readonly PciAddress Fn0 = new(0, 3, 0, 0);
    private static readonly PciAddress Fn1 = new(0, 3, 0, 1);
    private readonly ManualTimeProvider time;

    public PcieNativeHotplugSpec() : this(new ManualTimeProvider()) { }

    private PcieNativeHotplugSpec(ManualTimeProvider time) : base(setup: new ActorSystemSetup { TimeProvider = time }) => this.time = time;

    private HvmRig Rig(bool stub = false) =>
        new(Sys, new PciInventory([SyntheticDevices.DualPortNic()]), o => new IoemuOptions(o) { Hotplug = HotplugMode.PcieNative }, stubDomain: stub);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Must_attach_and_detach_a_multi_function_device_through_the_root_port_slot(bool stubDomain)
    {
        var rig = Rig(stubDomain);
        var arrive = stubDomain ? new[] { (P.Xend, P.StubDomain), (P.StubDomain, P.Ioemu) } : [(P.Xend, P.Ioemu)];
        var leave = stubDomain ? new[] { (P.Ioemu, P.StubDomain), (P.StubDomain, P.Xend) } : [(P.Ioemu, P.Xend)];

        var attached = Assert.IsType<PciAttachCompleted>(await rig.Attach([new PassThroughFunction(Fn0, 0), new PassThroughFunction(Fn1, 1)], 7));

        Assert.Equal(
            [(P.Xm, P.Xend), .. arrive, (P.Ioemu, P.Hypervisor), (P.Ioemu, P.Hypervisor), (P.Ioemu, P.RootPort), (P.RootPort, P.GuestKernel),
             (P.GuestKernel, P.RootPort), (P.RootPort, P.Ioemu), .. leave],
            attached.Trail.Path);
        Assert.Equal([new PciAddress(0, 7, 0, 0), new PciAddress(0, 7, 0, 1)], attached.GuestAddresses);
        Assert.Equal(attached.GuestAddresses, (await rig.GuestDevices()).Select(d => d.Address));
        var port = new PciAddress(0, 0, 7, 0);
        Assert.Equal(0x3420_8086u, await rig.Read(port, 0, 4));
        var slotStatus = await rig.Read(port, 0x40 + PcieSlotRegisters.SlotStatus, 2);
        Assert.Equal(PcieSlotRegisters.SlotStaPresenceDetectState, slotStatus); // presence latched, change acknowledged by pciehp
        var slotControl = await rig.Read(port, 0x40 + PcieSlotRegisters.SlotControl, 2);
        Assert.Equal(PcieSlotRegisters.SlotCtlPowerIndicatorOn, slotControl & (PcieSlotRegisters.SlotCtlPowerIndicatorMask | PcieSlotRegisters.SlotCtlPowerOff));

        var detached = Assert.IsType<PciDetachCompleted>(await rig.Detach(7));

        Assert.Equal(
            [(P.Xm, P.Xend), .. arrive, (P.Ioemu, P.RootPort), (P.RootPort, P.GuestKernel), (P.GuestKernel, P.RootPort), (P.RootPort, P.Ioemu),
             (P.Ioemu, P.Hypervisor), (P.Ioemu, P.Hypervisor), .. leave],
            detached.Trail.Path);
        Assert.Contains("attention button", detached.Trail.Hops[arrive.Length + 1].Event, StringComparison.Ordinal);
        Assert.Equal(DomainIds.Io, rig.OwnerOf(Fn0));
        Assert.Empty(await rig.GuestDevices());
        Assert.Equal(uint.MaxValue, await rig.Read(port, 0, 4)); // the root port went with its slot
    }

    [Fact]
    public async Task Must_keep_the_device_when_the_guest_ignores_the_attention_button()
    {
        var rig = Rig();
        await rig.Attach([new PassThroughFunction(Fn0, 0)], 7);
        rig.Guest.Tell(new SetGuestBehaviour(new GuestKernelOptions { Behaviour = GuestHotplugBehaviour.RefuseEject }), TestActor);
        var watch = HopWatcher.Watch(this, Sys);

        var detach = rig.Detach(7);
        watch.FishForMessage<GuestKernelLog>(l => l.Driver == "pciehp", HvmRig.Wait);
        time.Advance(rig.Options.DetachTimeout);

        var failed = Assert.IsType<PciDetachFailed>(await detach);
        Assert.EndsWith("the device stays attached", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(rig.GuestDomid, rig.OwnerOf(Fn0));
        Assert.Equal(0x10c9_8086u, await rig.Read(new PciAddress(0, 7, 0, 0), 0, 4));
    }

    [Fact]
    public async Task Must_report_an_AER_error_through_the_root_port_to_the_guest_which_reads_and_clears_it()
    {
        var rig = Rig();
        await rig.Attach([new PassThroughFunction(Fn0, 0)], 7);
        var watch = HopWatcher.Watch(this, Sys);

        var reply = await rig.Ask<OperationReply>(new InjectAerError(Fn0, Correctable: true, StatusBit: 0x40)); // Bad DLLP

        Assert.True(reply.Ok, reply.Message);
        var line = watch.FishForMessage<GuestKernelLog>(l => l.Driver == "aer", HvmRig.Wait);
        Assert.Equal("0000:07:00.0: uncorrectable 0x00000000 correctable 0x00000040 (cleared)", line.Line);
        var aer = rig.HostDevices.Get(Fn0).ExtendedCapabilities.First(c => c.Id == PciCapabilityIds.ExtAer).Offset;
        Assert.Equal(0u, rig.HostDevices.Get(Fn0).Read(aer + 0x10, 4)); // the guest's write-one-to-clear reached the device
    }
}
