using System.Globalization;
using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Event;
using XenActors.Xen.Hvm;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// The device model (qemu-xen / ioemu) of one HVM guest. xend asks it to attach or detach a device;
/// it reconfigures the hypervisor and tells the guest through the virtual BIOS (ACPI GPE) or a virtual
/// root port (PCIe native hot-plug), and answers xend only when the guest has acknowledged
/// (multi-function seed, figure 3). Meanwhile it serves the guest's config, MMIO and port accesses and
/// the device's interrupts, DMA and errors. Runs in dom0 or in a stub domain (<see cref="IoemuOptions.StubDomainId"/>).
/// </summary>
public sealed partial class IoemuActor : ReceiveActor
{
    private readonly IoemuOptions options;
    private readonly IActorRef guestKernel;
    private readonly IoemuMachine machine;
    private readonly Dictionary<int, PendingHotplug> pending = [];
    private readonly EventStream events;
    private readonly IoemuLog log;
    private IActorRef? bios;
    private long nextOperation;

    public IoemuActor(IoemuOptions options, IIoemuPlatform platform, PciInventory hostDevices, IActorRef guestKernel)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(hostDevices);
        ArgumentNullException.ThrowIfNull(guestKernel);
        this.options = options;
        this.guestKernel = guestKernel;
        machine = new IoemuMachine(options, platform, hostDevices);
        events = Context.System.EventStream;
        log = new IoemuLog(Context.System.LoggerFactory.CreateLogger("XenActors.Xen.Ioemu"), options);

        // Handlers that make hypercalls are asynchronous (the hypervisor is another actor); the actor takes
        // no other message until one finishes, so the machine still sees one access at a time.
        ReceiveAsync<PciAttach>(AttachAsync);
        Receive<PciDetach>(Detach);
        Receive<AcpiInsertionAcknowledged>(ack => CompleteAttach(ack.Slot, ack.Trail));
        ReceiveAsync<HotplugTimedOut>(TimedOutAsync);
        Receive<QueryPci>(_ => Sender.Tell(new PciDeviceList(machine.List()), Self));
        Receive<DumpPciView>(dump => Sender.Tell(new PciViewDump(machine.Dump(dump.Physical)), Self));

        Receive<GuestConfigRead>(r => Sender.Tell(machine.ConfigRead(r.Address, r.Offset, r.Size, extended: false), Self));
        ReceiveAsync<GuestConfigWrite>(async w =>
        {
            var sender = Sender;
            var reply = await machine.ConfigWriteAsync(w.Address, w.Offset, w.Size, w.Value, extended: false);
            LogNotes(reply.Notes);
            sender.Tell(reply, Self);
            await HandleSignalsAsync(w.Trail);
        });
        ReceiveAsync<GuestMmioAccess>(async m =>
        {
            var sender = Sender;
            var reply = await machine.MmioAsync(m.Address, m.Size, m.Write, m.Value);
            if (m.Write) LogNotes(reply.Notes);
            sender.Tell(reply, Self);
            await HandleSignalsAsync(null);
        });
        ReceiveAsync<GuestPortAccess>(async p =>
        {
            var sender = Sender;
            sender.Tell(await machine.PortAsync(p.Port, p.Size, p.Write, p.Value), Self);
            await HandleSignalsAsync(p.Trail);
        });
        ReceiveAsync<GuestSetIntxDestination>(async d =>
        {
            var sender = Sender;
            sender.Tell(await machine.SetIntxDestinationAsync(d.Address, d.Vcpu), Self);
        });

        ReceiveAsync<DeviceDma>(async d =>
        {
            var sender = Sender;
            var reply = await machine.DmaAsync(d.Host, d.BusAddress, d.Data, d.Write);
            if (!reply.Ok) log.Warn(reply.Fault!);
            sender.Tell(reply, Self);
        });
        ReceiveAsync<DeviceInterrupt>(async i =>
        {
            var sender = Sender;
            sender.Tell(await machine.InterruptAsync(i.Host, i.Kind, i.Entry), Self);
        });
        Receive<InjectAerError>(InjectAer);
    }

    protected override void PreStart()
    {
        if (options.Hotplug == HotplugMode.Acpi)
        {
            var self = Self;
            var guest = guestKernel;
            bios = Context.ActorOf(Props.Create(() => new VirtualBiosActor(self, guest)), "virtual-bios");
        }

        guestKernel.Tell(new GuestPlatformReady(Self, bios, options.Hotplug, options.MmcfgBase), Self);
        log.Info(string.Create(CultureInfo.InvariantCulture,
            $"device model for domain {options.GuestDomid} started in {(options.StubDomainId is { } s ? $"stub domain {s}" : "dom0")}, {options.Hotplug} hot-plug"));
    }

    protected override void PostStop()
    {
        foreach (var op in pending.Values) op.Timer.Cancel();
    }

    /// <summary>How the request reached ioemu: straight from xend, or through the stub domain's xenstore command node.</summary>
    private HotplugTrail Arrived(HotplugTrail trail, string what)
    {
        if (options.StubDomainId is { } stub)
        {
            return trail
                .Record(events, HotplugParticipant.Xend, HotplugParticipant.StubDomain, $"/local/domain/0/device-model/{options.GuestDomid}/command: {what} (stub domain {stub})")
                .Record(events, HotplugParticipant.StubDomain, HotplugParticipant.Ioemu, what);
        }

        return trail.Record(events, HotplugParticipant.Xend, HotplugParticipant.Ioemu, what);
    }

    /// <summary>The answer's way back to xend, through the stub domain when ioemu runs in one.</summary>
    private HotplugTrail Answer(HotplugTrail trail, string what)
    {
        if (options.StubDomainId is { } stub)
        {
            return trail
                .Record(events, HotplugParticipant.Ioemu, HotplugParticipant.StubDomain, what)
                .Record(events, HotplugParticipant.StubDomain, HotplugParticipant.Xend, $"/local/domain/0/device-model/{options.GuestDomid}/state: {what} (stub domain {stub})");
        }

        return trail.Record(events, HotplugParticipant.Ioemu, HotplugParticipant.Xend, what);
    }

    private void LogNotes(IReadOnlyList<string> notes)
    {
        foreach (var note in notes) log.Info(note);
    }
}
