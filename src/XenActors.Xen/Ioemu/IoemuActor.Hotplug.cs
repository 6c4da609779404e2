using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hvm;
using XenActors.Xen.Ioemu.Messages;

namespace XenActors.Xen.Ioemu;

// The hot-plug conversation: xend's request, the hypervisor, the guest's notification and its answer.
public sealed partial class IoemuActor
{
    private async Task AttachAsync(PciAttach request)
    {
        var replyTo = Sender;
        var hosts = string.Join(", ", request.Functions.Select(f => f.Host));
        var arrived = Arrived(request.Trail, $"pci-ins {hosts}");
        var (refusal, entry, trail) = await machine.PlugAsync(request, arrived);
        trail.PublishSince(events, arrived);
        if (refusal is not null || entry is null)
        {
            log.Warn($"pci-ins {hosts} refused: {refusal}");
            replyTo.Tell(new PciAttachRefused(refusal ?? "refused", Answer(trail, $"refused: {refusal}")), Self);
            return;
        }

        foreach (var warning in entry.Warnings) log.Warn(warning);
        var slot = entry.Slot;
        log.Info(string.Create(CultureInfo.InvariantCulture, $"pci-ins {hosts}: virtual slot 0x{slot:x2}, waiting for the guest"));
        trail = Notify(slot, insertion: true, trail);
        Begin(slot, attach: true, trail, options.AttachTimeout, replyTo);
    }

    private void Detach(PciDetach request)
    {
        var trail = Arrived(request.Trail, string.Create(CultureInfo.InvariantCulture, $"pci-rem virtual slot 0x{request.VirtualSlot:x2}"));
        var entry = machine.Slot(request.VirtualSlot);
        string? refusal = entry switch
        {
            null => string.Create(CultureInfo.InvariantCulture, $"PCI device not attached to this domain: virtual slot 0x{request.VirtualSlot:x2} of domain {options.GuestDomid} is empty"),
            { State: not SlotState.Attached } => string.Create(CultureInfo.InvariantCulture, $"virtual slot 0x{request.VirtualSlot:x2} is busy ({entry.State})"),
            _ => null,
        };
        if (refusal is not null)
        {
            Sender.Tell(new PciDetachFailed(refusal, Answer(trail, $"refused: {refusal}")), Self);
            return;
        }

        entry!.State = SlotState.Detaching;
        log.Info(string.Create(CultureInfo.InvariantCulture, $"pci-rem virtual slot 0x{entry.Slot:x2} ({entry.HostText}): asking the guest to eject"));
        trail = Notify(entry.Slot, insertion: false, trail);
        Begin(entry.Slot, attach: false, trail, options.DetachTimeout, Sender);
    }

    /// <summary>Signals the guest: GPE with PCIU/PCID (ACPI), or presence detect / attention button on the root port.</summary>
    private HotplugTrail Notify(int slot, bool insertion, HotplugTrail trail)
    {
        var bit = 1u << slot;
        if (options.Hotplug == HotplugMode.Acpi)
        {
            if (insertion) machine.PciUp |= bit;
            else machine.PciDown |= bit;
            var what = string.Create(CultureInfo.InvariantCulture, $"GPE bit {AcpiPciHotplug.GpeBit} ({(insertion ? "PCIU" : "PCID")} slot {slot})");
            trail = trail.Record(events, HotplugParticipant.Ioemu, HotplugParticipant.VirtualBios, what);
            bios!.Tell(new AcpiGpe(AcpiPciHotplug.GpeBit, slot, trail), Self);
            return trail;
        }

        var port = machine.RootPort(slot)!;
        if (insertion)
        {
            port.CardInserted();
            trail = trail.Record(events, HotplugParticipant.Ioemu, HotplugParticipant.RootPort, $"slot {slot}: presence detect")
                .Record(events, HotplugParticipant.RootPort, HotplugParticipant.GuestKernel, "hot-plug interrupt: presence detect changed");
        }
        else
        {
            port.AttentionButton();
            trail = trail.Record(events, HotplugParticipant.Ioemu, HotplugParticipant.RootPort, $"slot {slot}: attention button pressed")
                .Record(events, HotplugParticipant.RootPort, HotplugParticipant.GuestKernel, "hot-plug interrupt: attention button pressed");
        }

        guestKernel.Tell(new PcieHotplugInterrupt(slot, port.Address, trail), Self);
        return trail;
    }

    private void Begin(int slot, bool attach, HotplugTrail trail, TimeSpan timeout, IActorRef replyTo)
    {
        var id = ++nextOperation;
        var timer = Context.System.Scheduler.ScheduleTellOnceCancelable(timeout, Self, new HotplugTimedOut(slot, id), Self);
        pending[slot] = new PendingHotplug(id, attach, replyTo, trail, timer);
    }

    private void CompleteAttach(int slot, HotplugTrail trail)
    {
        if (!pending.TryGetValue(slot, out var op) || !op.Attach || machine.Slot(slot) is not { } entry)
        {
            log.Info(string.Create(CultureInfo.InvariantCulture, $"slot {slot}: acknowledgement with no insertion pending ignored"));
            return;
        }

        pending.Remove(slot);
        op.Timer.Cancel();
        entry.State = SlotState.Attached;
        machine.PciUp &= ~(1u << slot);
        log.Info(string.Create(CultureInfo.InvariantCulture, $"virtual slot 0x{slot:x2} ({entry.HostText}) attached"));
        var done = Answer(trail, string.Create(CultureInfo.InvariantCulture, $"attached in virtual slot 0x{slot:x2}"));
        op.ReplyTo.Tell(new PciAttachCompleted(slot, [.. entry.Functions.Select(f => f.Guest).Order()], entry.Warnings, done), Self);
    }

    private async Task CompleteDetachAsync(int slot, HotplugTrail trail)
    {
        if (!pending.TryGetValue(slot, out var op) || op.Attach)
        {
            log.Warn(string.Create(CultureInfo.InvariantCulture, $"slot {slot}: guest ejected without a removal request; ignored"));
            return;
        }

        pending.Remove(slot);
        op.Timer.Cancel();
        var (hosts, unplugged) = await machine.UnplugAsync(slot, trail);
        unplugged.PublishSince(events, trail);
        trail = unplugged;
        log.Info(string.Create(CultureInfo.InvariantCulture, $"virtual slot 0x{slot:x2} ({string.Join(", ", hosts)}) detached"));
        var done = Answer(trail, string.Create(CultureInfo.InvariantCulture, $"detached from virtual slot 0x{slot:x2}"));
        op.ReplyTo.Tell(new PciDetachCompleted(slot, hosts, done), Self);
    }

    private async Task TimedOutAsync(HotplugTimedOut timeout)
    {
        if (!pending.TryGetValue(timeout.Slot, out var op) || op.Id != timeout.Operation) return;
        pending.Remove(timeout.Slot);
        var entry = machine.Slot(timeout.Slot)!;
        var slotText = string.Create(CultureInfo.InvariantCulture, $"virtual slot 0x{timeout.Slot:x2}");
        if (op.Attach)
        {
            var (_, trail) = await machine.UnplugAsync(timeout.Slot, op.Trail);
            trail.PublishSince(events, op.Trail);
            var reason = $"timed out waiting for domain {options.GuestDomid} to acknowledge {entry.HostText} in {slotText}; nothing attached";
            log.Warn(reason);
            op.ReplyTo.Tell(new PciAttachRefused(reason, Answer(trail, "attach timed out")), Self);
            return;
        }

        entry.State = SlotState.Attached;
        machine.PciDown &= ~(1u << timeout.Slot);
        var why = $"timed out waiting for domain {options.GuestDomid} to eject {entry.HostText} from {slotText}; the device stays attached";
        log.Warn(why);
        op.ReplyTo.Tell(new PciDetachFailed(why, Answer(op.Trail, "detach timed out")), Self);
    }

    /// <summary>What the last guest access set off: an eject through B0EJ, or a root port slot powered up or down.</summary>
    private async Task HandleSignalsAsync(HotplugTrail? trail)
    {
        foreach (var signal in machine.DrainSignals())
        {
            var carried = trail ?? pending.GetValueOrDefault(signal.Slot)?.Trail ?? HotplugTrail.Empty;
            switch (signal.Kind)
            {
                case MachineSignalKind.EjectWritten:
                    await CompleteDetachAsync(signal.Slot, carried);
                    break;
                case MachineSignalKind.SlotPoweredOn:
                    CompleteAttach(signal.Slot, carried.Record(events, HotplugParticipant.RootPort, HotplugParticipant.Ioemu, $"slot {signal.Slot}: powered, indicator on"));
                    break;
                case MachineSignalKind.SlotPoweredOff:
                    await CompleteDetachAsync(signal.Slot, carried.Record(events, HotplugParticipant.RootPort, HotplugParticipant.Ioemu, $"slot {signal.Slot}: powered off"));
                    break;
            }
        }
    }

    private void InjectAer(InjectAerError error)
    {
        var (slot, message) = machine.InjectAer(error.Host, error.Correctable, error.StatusBit);
        if (slot is not { } s)
        {
            Sender.Tell(new OperationReply(false, message), Self);
            return;
        }

        log.Warn(message);
        if (machine.RootPort(s) is { } port && machine.Slot(s) is { } entry)
        {
            var device = entry.Functions.First(f => f.Host.Address == error.Host).Guest;
            var trail = HotplugTrail.Empty
                .Record(events, HotplugParticipant.Ioemu, HotplugParticipant.RootPort, message)
                .Record(events, HotplugParticipant.RootPort, HotplugParticipant.GuestKernel, "AER interrupt");
            guestKernel.Tell(new PcieAerInterrupt(s, port.Address, device, trail), Self);
            Sender.Tell(new OperationReply(true, message), Self);
            return;
        }

        Sender.Tell(new OperationReply(true, $"{message}; no root port to signal it (ACPI topology): the guest sees it when it reads AER status"), Self);
    }
}
