using XenActors.Actor;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Ioemu;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Ioemu.Support;

/// <summary>
/// One host with an HVM guest: the hypervisor model behind <see cref="DirectHypervisorPlatform"/>, the
/// host's PCI functions registered and in the assignable pool, a guest kernel actor and its ioemu.
/// The test plays xm and xend.
/// </summary>
public sealed class HvmRig
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public HvmRig(ActorSystem system, PciInventory hostDevices, Func<int, IoemuOptions>? configure = null, GuestKernelOptions? guest = null,
        InterruptDeliveryPolicy delivery = InterruptDeliveryPolicy.Vcpu0ThenRedirect, bool stubDomain = false, IEnumerable<PciAddress>? unsuitable = null)
    {
        HostDevices = hostDevices;
        Xen = new XenHypervisor(new HypervisorOptions { InterruptDelivery = delivery });
        Platform = new DirectHypervisorPlatform(Xen);
        GuestDomid = Xen.CreateDomain(new DomainConfig("hvm-guest") { Type = DomainType.Hvm, Vcpus = 4, MemoryMiB = 64 }).ThrowIfFailed();
        Xen.Unpause(GuestDomid).ThrowIfFailed();
        var bad = unsuitable?.ToHashSet() ?? [];
        foreach (var f in hostDevices.Functions)
        {
            Xen.RegisterDevice(f.Address, f.InterruptPin != 0 ? (int)f.Read(PciConfigRegisters.InterruptLine, 1) : null, bad.Contains(f.Address)).ThrowIfFailed();
            Xen.AssignDevice(f.Address, DomainIds.Io).ThrowIfFailed(); // pci-assignable-add
        }

        var options = configure?.Invoke(GuestDomid) ?? new IoemuOptions(GuestDomid);
        if (stubDomain)
        {
            StubDomid = Xen.CreateDomain(new DomainConfig("hvm-guest-dm") { Vcpus = 1, MemoryMiB = 32 }).ThrowIfFailed();
            Xen.Unpause(StubDomid.Value).ThrowIfFailed();
            Platform.RegisterDeviceModel(GuestDomid, StubDomid.Value);
            options = options with { StubDomainId = StubDomid };
        }

        Options = options;
        Guest = system.ActorOf(Props.Create(() => new GuestKernelActor(guest)), $"guest-{GuestDomid}-{Guid.NewGuid():N}");
        Ioemu = system.ActorOf(Props.Create(() => new IoemuActor(options, Platform, hostDevices, Guest)), $"ioemu-{GuestDomid}-{Guid.NewGuid():N}");
    }

    public XenHypervisor Xen { get; }

    public DirectHypervisorPlatform Platform { get; }

    public PciInventory HostDevices { get; }

    public int GuestDomid { get; }

    public int? StubDomid { get; }

    public IoemuOptions Options { get; }

    public IActorRef Guest { get; }

    public IActorRef Ioemu { get; }


    public static HotplugTrail FromXm(string what) => HotplugTrail.Start(HotplugParticipant.Xm, HotplugParticipant.Xend, what);

    public Task<object> Attach(IEnumerable<PassThroughFunction> functions, int? slot = null) =>
        Ioemu.Ask(new PciAttach([.. functions], slot, FromXm("pci-attach")), Wait);

    public Task<object> Attach(PciAddress host, int? slot = null) => Attach([new PassThroughFunction(host, 0)], slot);

    public async Task<PciAttachCompleted> Attached(PciAddress host, int? slot = null)
    {
        var answer = await Attach(host, slot);
        return answer as PciAttachCompleted ?? throw new InvalidOperationException($"attach failed: {answer}");
    }

    public Task<object> Detach(int slot) => Ioemu.Ask(new PciDetach(slot, FromXm("pci-detach")), Wait);

    public Task<T> Ask<T>(object message) => Ioemu.Ask<T>(message, Wait);

    public async Task<uint> Read(PciAddress guest, int offset, int size) => (await Ask<ConfigAccessReply>(new GuestConfigRead(guest, offset, size))).Value;

    public Task<ConfigAccessReply> Write(PciAddress guest, int offset, int size, uint value) => Ask<ConfigAccessReply>(new GuestConfigWrite(guest, offset, size, value));

    public Task<MmioAccessReply> Mmio(ulong address, int size, bool write = false, uint value = 0) => Ask<MmioAccessReply>(new GuestMmioAccess(address, size, write, value));

    public Task<PortAccessReply> Port(int port, int size, bool write = false, uint value = 0) => Ask<PortAccessReply>(new GuestPortAccess(port, size, write, value));

    public async Task<IReadOnlyList<GuestPciDevice>> GuestDevices() => (await Guest.Ask<GuestDeviceList>(GuestListDevices.Instance, Wait)).Devices;

    public int OwnerOf(PciAddress host) => Platform.Inspect(x => x.GetDevice(host).Value.Owner);
}
