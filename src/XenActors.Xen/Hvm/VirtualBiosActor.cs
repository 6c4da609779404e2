using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Ioemu.Messages;

namespace XenActors.Xen.Hvm;

/// <summary>
/// The ACPI part of the guest's virtual BIOS (hvmloader's DSDT from mk_dsdt.c), as the AML would run:
/// _E01 reads PCIU and PCID through port I/O and notifies the slot; _EJ0 writes the slot's bit to
/// B0EJ; a successful _OST for an insertion is passed up to the device model as the acknowledgement.
/// A failed _OST goes nowhere (qemu-xen never hears of it): ioemu learns only by timing out.
/// </summary>
public sealed class VirtualBiosActor : ReceiveActor
{
    private static readonly TimeSpan PortTimeout = TimeSpan.FromSeconds(30);

    public VirtualBiosActor(IActorRef deviceModel, IActorRef guestKernel)
    {
        ArgumentNullException.ThrowIfNull(deviceModel);
        ArgumentNullException.ThrowIfNull(guestKernel);
        var events = Context.System.EventStream;

        ReceiveAsync<AcpiGpe>(async gpe =>
        {
            var pciu = await deviceModel.Ask<PortAccessReply>(new GuestPortAccess(AcpiPciHotplug.PciuPort, 4, false), PortTimeout);
            var pcid = await deviceModel.Ask<PortAccessReply>(new GuestPortAccess(AcpiPciHotplug.PcidPort, 4, false), PortTimeout);
            var bit = 1u << gpe.Slot;
            var slot = gpe.Slot.ToString("X2", CultureInfo.InvariantCulture);
            if ((pciu.Value & bit) != 0)
            {
                var trail = gpe.Trail.Record(events, HotplugParticipant.VirtualBios, HotplugParticipant.GuestKernel, $"_E01: PCIU bit {gpe.Slot} set → Notify(S{slot}, 1)");
                guestKernel.Tell(new AcpiNotify(gpe.Slot, AcpiPciHotplug.NotifyDeviceCheck, trail), Self);
            }

            if ((pcid.Value & bit) != 0)
            {
                var trail = gpe.Trail.Record(events, HotplugParticipant.VirtualBios, HotplugParticipant.GuestKernel, $"_E01: PCID bit {gpe.Slot} set → Notify(S{slot}, 3)");
                guestKernel.Tell(new AcpiNotify(gpe.Slot, AcpiPciHotplug.NotifyEjectRequest, trail), Self);
            }
        });

        Receive<AcpiOst>(ost =>
        {
            if (ost.SourceEvent != AcpiPciHotplug.NotifyDeviceCheck || ost.Status != AcpiPciHotplug.OstSuccess) return;
            var trail = ost.Trail.Record(events, HotplugParticipant.VirtualBios, HotplugParticipant.Ioemu, $"slot {ost.Slot}: insertion acknowledged");
            deviceModel.Tell(new AcpiInsertionAcknowledged(ost.Slot, trail), Self);
        });

        Receive<AcpiEject>(eject =>
        {
            var bit = 1u << eject.Slot;
            var trail = eject.Trail.Record(events, HotplugParticipant.VirtualBios, HotplugParticipant.Ioemu,
                string.Create(CultureInfo.InvariantCulture, $"_EJ0: B0EJ (0x{AcpiPciHotplug.B0ejPort:x4}) ← 0x{bit:x8}"));
            deviceModel.Tell(new GuestPortAccess(AcpiPciHotplug.B0ejPort, 4, true, bit) { Trail = trail }, Self);
        });

        Receive<PortAccessReply>(_ => { }); // the answer to the B0EJ write carries nothing
    }
}
