using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Hvm;

/// <summary>
/// The HVM guest's kernel, as far as hot-plug goes: acpiphp (Notify → scan the slot → _OST, or eject →
/// _EJ0), pciehp (slot status → power the slot, scan, light the power indicator; attention button →
/// power off), and the AER driver (read and clear the device's error status through MMCFG). Every
/// hardware access goes to the device model, so what the guest sees is what ioemu emulates.
/// </summary>
public sealed class GuestKernelActor : ReceiveActor
{
    private static readonly TimeSpan AccessTimeout = TimeSpan.FromSeconds(30);
    private readonly SortedDictionary<PciAddress, GuestPciDevice> devices = [];
    private GuestKernelOptions options;
    private GuestPlatformReady? platform;

    public GuestKernelActor(GuestKernelOptions? options = null)
    {
        this.options = options ?? new GuestKernelOptions();
        var events = Context.System.EventStream;

        Receive<GuestPlatformReady>(ready => platform = ready);
        Receive<SetGuestBehaviour>(set => this.options = set.Options);
        Receive<GuestListDevices>(_ => Sender.Tell(new GuestDeviceList([.. devices.Values]), Self));

        ReceiveAsync<AcpiNotify>(async notify =>
        {
            var bios = Sender;
            var slot = notify.Slot;
            if (notify.Code == AcpiPciHotplug.NotifyDeviceCheck)
            {
                var found = await Scan(f => new PciAddress(0, 0, slot, f));
                if (this.options.Behaviour == GuestHotplugBehaviour.IgnoreInsertion) return;
                var trail = notify.Trail.Record(events, HotplugParticipant.GuestKernel, HotplugParticipant.VirtualBios,
                    $"acpiphp: slot {slot}: {found} function(s) enabled; _OST(1, success)");
                Send(bios, new AcpiOst(slot, AcpiPciHotplug.NotifyDeviceCheck, AcpiPciHotplug.OstSuccess, trail));
                return;
            }

            if (this.options.Behaviour == GuestHotplugBehaviour.RefuseEject)
            {
                var refused = notify.Trail.Record(events, HotplugParticipant.GuestKernel, HotplugParticipant.VirtualBios,
                    $"acpiphp: slot {slot}: device in use; _OST(3, 0x{AcpiPciHotplug.OstDeviceInUse:x2}) eject refused");
                Log(events, "acpiphp", $"slot {slot}: eject request refused: device in use");
                bios.Tell(new AcpiOst(slot, AcpiPciHotplug.NotifyEjectRequest, AcpiPciHotplug.OstDeviceInUse, refused), Self);
                return;
            }

            var removed = Forget(d => d.Address.Bus == 0 && d.Address.Device == slot);
            var ejected = notify.Trail.Record(events, HotplugParticipant.GuestKernel, HotplugParticipant.VirtualBios,
                $"acpiphp: slot {slot}: {removed} function(s) removed; _EJ0");
            Send(bios, new AcpiEject(slot, ejected));
        });

        ReceiveAsync<PcieHotplugInterrupt>(async irq =>
        {
            var model = Platform.DeviceModel;
            var status = await ConfigRead(irq.RootPort, PortStatusOffset, 2);
            await ConfigWrite(irq.RootPort, PortStatusOffset, 2, status & PcieSlotRegisters.SlotStaRw1cMask, null); // acknowledge the event bits
            var slot = irq.Slot;
            if ((status & PcieSlotRegisters.SlotStaPresenceDetectChanged) != 0 && (status & PcieSlotRegisters.SlotStaPresenceDetectState) != 0)
            {
                var control = await ConfigRead(irq.RootPort, PortControlOffset, 2);
                await ConfigWrite(irq.RootPort, PortControlOffset, 2, control & ~(uint)PcieSlotRegisters.SlotCtlPowerOff, null); // power the slot
                var found = await Scan(f => new PciAddress(0, slot, 0, f));
                if (this.options.Behaviour == GuestHotplugBehaviour.IgnoreInsertion) return;
                var trail = irq.Trail.Record(events, HotplugParticipant.GuestKernel, HotplugParticipant.RootPort,
                    $"pciehp: slot {slot}: {found} function(s) enabled; Slot Control: power indicator on");
                var lit = (control & ~(uint)(PcieSlotRegisters.SlotCtlPowerOff | PcieSlotRegisters.SlotCtlPowerIndicatorMask)) | PcieSlotRegisters.SlotCtlPowerIndicatorOn;
                Send(model, new GuestConfigWrite(irq.RootPort, PortControlOffset, 2, lit) { Trail = trail });
                return;
            }

            if ((status & PcieSlotRegisters.SlotStaAttentionButtonPressed) == 0) return;
            if (this.options.Behaviour == GuestHotplugBehaviour.RefuseEject)
            {
                irq.Trail.Record(events, HotplugParticipant.GuestKernel, HotplugParticipant.RootPort, $"pciehp: slot {slot}: attention button ignored: device in use");
                Log(events, "pciehp", $"slot {slot}: attention button: removal refused: device in use");
                return;
            }

            var removed = Forget(d => d.Address.Bus == slot);
            var off = irq.Trail.Record(events, HotplugParticipant.GuestKernel, HotplugParticipant.RootPort,
                $"pciehp: slot {slot}: {removed} function(s) removed; Slot Control: power off");
            var ctl = await ConfigRead(irq.RootPort, PortControlOffset, 2);
            var dark = (ctl & ~(uint)PcieSlotRegisters.SlotCtlPowerIndicatorMask) | PcieSlotRegisters.SlotCtlPowerOff | PcieSlotRegisters.SlotCtlPowerIndicatorOff;
            Send(model, new GuestConfigWrite(irq.RootPort, PortControlOffset, 2, dark) { Trail = off });
        });

        ReceiveAsync<PcieAerInterrupt>(async irq =>
        {
            var aer = await FindExtendedCapability(irq.Device, 0x0001);
            if (aer == 0)
            {
                Log(events, "aer", $"{irq.Device}: error reported but no AER capability visible");
                return;
            }

            var uncorrectable = await Mmio(irq.Device, aer + 0x04, false, 0);
            var correctable = await Mmio(irq.Device, aer + 0x10, false, 0);
            if (uncorrectable != 0) await Mmio(irq.Device, aer + 0x04, true, uncorrectable);
            if (correctable != 0) await Mmio(irq.Device, aer + 0x10, true, correctable);
            irq.Trail.Record(events, HotplugParticipant.GuestKernel, HotplugParticipant.Ioemu, $"aer: {irq.Device}: status read and cleared");
            Log(events, "aer", string.Create(CultureInfo.InvariantCulture,
                $"{irq.Device}: uncorrectable 0x{uncorrectable:x8} correctable 0x{correctable:x8} (cleared)"));
        });

        Receive<ConfigAccessReply>(_ => { }); // answers to fire-and-forget Slot Control writes
    }

    private static int PortStatusOffset => 0x40 + PcieSlotRegisters.SlotStatus;

    private static int PortControlOffset => 0x40 + PcieSlotRegisters.SlotControl;

    private GuestPlatformReady Platform => platform ?? throw new InvalidOperationException("the guest kernel has no platform yet (GuestPlatformReady)");

    private async Task<int> Scan(Func<int, PciAddress> at)
    {
        var found = 0;
        for (var f = 0; f < PciLimits.FunctionsPerDevice; f++)
        {
            var address = at(f);
            var id = await ConfigRead(address, PciConfigRegisters.VendorId, 4);
            if ((id & 0xffff) == 0xffff) continue;
            devices[address] = new GuestPciDevice(address, (ushort)id, (ushort)(id >> 16));
            found++;
        }

        return found;
    }

    private int Forget(Func<GuestPciDevice, bool> which)
    {
        var gone = devices.Values.Where(which).Select(d => d.Address).ToList();
        foreach (var a in gone) devices.Remove(a);
        return gone.Count;
    }

    private async Task<uint> ConfigRead(PciAddress address, int offset, int size) =>
        (await Platform.DeviceModel.Ask<ConfigAccessReply>(new GuestConfigRead(address, offset, size), AccessTimeout)).Value;

    private async Task ConfigWrite(PciAddress address, int offset, int size, uint value, HotplugTrail? trail) =>
        await Platform.DeviceModel.Ask<ConfigAccessReply>(new GuestConfigWrite(address, offset, size, value) { Trail = trail }, AccessTimeout);

    private async Task<uint> Mmio(PciAddress device, int offset, bool write, uint value)
    {
        var address = Platform.MmcfgBase + ((ulong)device.Bus << 20) + ((ulong)device.Devfn << 12) + (ulong)offset;
        return (await Platform.DeviceModel.Ask<MmioAccessReply>(new GuestMmioAccess(address, 4, write, value), AccessTimeout)).Value;
    }

    private async Task<int> FindExtendedCapability(PciAddress device, ushort id)
    {
        var offset = PciConfigRegisters.ExtendedCapabilityStart;
        for (var n = 0; n < 64 && offset >= PciConfigRegisters.ExtendedCapabilityStart; n++)
        {
            var header = await Mmio(device, offset, false, 0);
            if (header == 0 || header == uint.MaxValue) return 0;
            if ((header & 0xffff) == id) return offset;
            offset = (int)(header >> 20) & 0xffc;
        }

        return 0;
    }

    private void Send(IActorRef target, object message)
    {
        if (options.AckDelay > TimeSpan.Zero) Context.System.Scheduler.ScheduleTellOnce(options.AckDelay, target, message, Self);
        else target.Tell(message, Self);
    }

    private static void Log(Event.EventStream events, string driver, string line) => events.Publish(new GuestKernelLog(driver, line));
}
