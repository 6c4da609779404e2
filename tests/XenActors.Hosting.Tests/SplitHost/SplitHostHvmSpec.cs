using System.Globalization;
using XenActors.Actor;
using XenActors.Hosting.SplitHost;
using XenActors.Xen.Host;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;
using Xunit;
using Xunit.Abstractions;
using P = XenActors.Xen.Hvm.HotplugParticipant;

namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>
/// HVM pass-through on a split host, every part its own process: xm → xend (dom0) → ioemu (dom0's node, or a stub
/// domain's guest node) → hypervisor (xen node) and virtual BIOS or virtual root port → the guest kernel (its guest
/// node) → back to xm, with ACPI and with PCIe native hot-plug, a five-function set at a virtual slot. The chain
/// comes back to xm as the trail and is compared hop by hop; the guest's own enumeration, the device ownership in
/// the hypervisor and xm pci-list are checked after each step.
/// </summary>
[Collection("split-host")]
public sealed class SplitHostHvmSpec(HvmSplitCluster cluster, ITestOutputHelper output) : SplitHostSpecBase(cluster, output), IClassFixture<HvmSplitCluster>, IAsyncLifetime
{
    private const string UsbSet = "0000:00:1a.0-3,7";
    private static readonly string[] UsbFunctions = ["0000:00:1a.0", "0000:00:1a.1", "0000:00:1a.2", "0000:00:1a.3", "0000:00:1a.7"];

    public static TheoryData<HotplugMode, bool> Topologies => new()
    {
        { HotplugMode.Acpi, false },
        { HotplugMode.Acpi, true },
        { HotplugMode.PcieNative, false },
        { HotplugMode.PcieNative, true },
    };

    private readonly List<int> _domains = [];

    private async Task<int> HvmGuestAsync(string name, HotplugMode mode, bool stub)
    {
        var dom = (await Ok(new XmCreate(name) { Type = DomainType.Hvm, Hotplug = mode, DeviceModelStubdomain = stub })).Domid;
        _domains.Add(dom);
        return dom;
    }

    /// <summary>The cluster is shared: a test that failed half-way must not leave its domain holding guest nodes.</summary>
    public async Task DisposeAsync()
    {
        foreach (var dom in _domains) await Probe.XmAsync(new XmDestroy(dom)); // an error for the ones already gone
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Puts the functions not yet in the assignable pool there (tests of the class share the host).</summary>
    private async Task PooledAsync(params string[] bdfs)
    {
        foreach (var bdf in bdfs)
        {
            if (await OwnerOf(bdf) != DomainIds.Io) await Ok(new XmPciAssignableAdd(bdf));
        }
    }

    /// <summary>
    /// Where dom0's launcher says the domain's kernel or ioemu runs (the <see cref="DomainActor"/> answer crosses from
    /// the node that runs it through dom0 to here), and which node of the cluster that is.
    /// </summary>
    private async Task<(IActorRef Actor, Node.LocalNodeState Node)> PlacedAsync(object query)
    {
        var actor = (await Probe.Launcher.Ask<DomainActor>(query, TimeSpan.FromSeconds(10))).Actor;
        Assert.False(actor.IsNobody(), $"{query}: nobody");
        var path = actor.Path.ToString();
        return (actor, Cluster.State.Nodes.Single(n => path.StartsWith(n.Address + "/", StringComparison.Ordinal)));
    }

    /// <summary>What the guest kernel has enumerated, asked in its own process.</summary>
    private async Task<IReadOnlyList<string>> GuestSeesAsync(int domid) =>
        [.. (await (await KernelOf(domid)).Kernel.Ask<GuestDeviceList>(GuestListDevices.Instance, TimeSpan.FromSeconds(10))).Devices
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Address} {d.VendorId:x4}:{d.DeviceId:x4}"))];

    private static (P, P)[] ToDeviceModel(bool stub) => stub ? [(P.Xend, P.StubDomain), (P.StubDomain, P.Ioemu)] : [(P.Xend, P.Ioemu)];

    private static (P, P)[] FromDeviceModel(bool stub) => stub ? [(P.Ioemu, P.StubDomain), (P.StubDomain, P.Xend)] : [(P.Ioemu, P.Xend)];

    private static (P, P)[] ThroughGuest(HotplugMode mode) => mode == HotplugMode.Acpi
        ? [(P.Ioemu, P.VirtualBios), (P.VirtualBios, P.GuestKernel), (P.GuestKernel, P.VirtualBios), (P.VirtualBios, P.Ioemu)]
        : [(P.Ioemu, P.RootPort), (P.RootPort, P.GuestKernel), (P.GuestKernel, P.RootPort), (P.RootPort, P.Ioemu)];

    private static HotplugTrail TrailOf(XmResult result) => result.Trail ?? throw new Xunit.Sdk.XunitException($"xm got no hot-plug trail: {result}");

    [Theory]
    [MemberData(nameof(Topologies))]
    public async Task Must_attach_and_detach_a_multi_function_set_from_xm_through_ioemu_and_the_guest_kernel_in_other_processes_and_back(HotplugMode mode, bool stub)
    {
        await PooledAsync(UsbFunctions);
        var dom = await HvmGuestAsync($"hvm-{mode}-{(stub ? "stub" : "dom0")}".ToLowerInvariant(), mode, stub);
        var (_, kernelNode) = await PlacedAsync(new GuestKernelOf(dom));
        var (ioemu, ioemuNode) = await PlacedAsync(new DeviceModelOf(dom));
        var dom0 = Cluster.Node("host-1-dom0");
        // Where each part runs: the kernel on a guest node; ioemu in dom0's process, or in a third process of its own.
        Assert.NotEqual(kernelNode.Pid, ioemuNode.Pid);
        if (stub) Assert.Equal(3, new[] { dom0.Pid, kernelNode.Pid, ioemuNode.Pid }.Distinct().Count());
        else Assert.Equal(dom0.Pid, ioemuNode.Pid);

        var attached = await Ok(new XmPciAttach(dom, UsbSet + "@5"));

        // Five functions assigned in the hypervisor (virtual function 0 last), then the guest told once.
        (P, P)[] hypervisor = [.. Enumerable.Repeat((P.Ioemu, P.Hypervisor), UsbFunctions.Length)];
        var trail = TrailOf(attached);
        Assert.Equal([(P.Xm, P.Xend), .. ToDeviceModel(stub), .. hypervisor, .. ThroughGuest(mode), .. FromDeviceModel(stub), (P.Xend, P.Xm)], trail.Path);
        Assert.Equal("0000:00:1a.0", trail.Hops.Where(h => h.To == P.Hypervisor).Last().Event.Split(' ')[1]);
        if (stub) Assert.Contains($"stub domain {dom + 1}", trail.Hops[1].Event, StringComparison.Ordinal);
        var functions = new[] { 0, 1, 2, 3, 7 };
        var at = mode == HotplugMode.Acpi ? functions.Select(f => $"00:05.{f}") : functions.Select(f => $"05:00.{f}");
        var ids = new[] { "2934", "2935", "2936", "2937", "293a" };
        Assert.Equal(at.Zip(ids, (a, id) => $"0000:{a} 8086:{id}"), await GuestSeesAsync(dom));
        foreach (var f in UsbFunctions) Assert.Equal(dom, await OwnerOf(f));
        Assert.Equal(5, (await ioemu.Ask<PciDeviceList>(QueryPci.Instance, TimeSpan.FromSeconds(10))).Devices.Count);
        await AssertOwnershipInvariantAsync();

        var detached = await Ok(new XmPciDetach(dom, UsbSet));

        Assert.Equal([(P.Xm, P.Xend), .. ToDeviceModel(stub), .. ThroughGuest(mode), .. hypervisor, .. FromDeviceModel(stub), (P.Xend, P.Xm)], TrailOf(detached).Path);
        Assert.Empty(await GuestSeesAsync(dom));
        foreach (var f in UsbFunctions) Assert.Equal(DomainIds.Io, await OwnerOf(f));
        Assert.Empty((await ioemu.Ask<PciDeviceList>(QueryPci.Instance, TimeSpan.FromSeconds(10))).Devices);
        Assert.Equal(["Vdev Device"], (await Ok(new XmPciList(dom))).Lines);
        await Ok(new XmDestroy(dom));
        await AssertOwnershipInvariantAsync();
    }

    [Fact]
    public async Task Must_refuse_a_non_page_aligned_MMIO_BAR_from_a_stub_domain_with_the_seed_message_and_change_nothing_in_any_process()
    {
        await PooledAsync("0000:00:1d.0");
        // Created with the real xm: PCIe native hot-plug, ioemu in a stub domain (so the refusal comes from its node).
        Assert.Equal(2, (await Cluster.Cluster.RunAsync("xm", "create", "unaligned", "--device-model-stubdomain")).Code);
        var (created, json, _) = await Cluster.Cluster.RunAsync("xm", "create", "unaligned", "--type", "hvm", "--device-model-stubdomain", "--hotplug", "pcie", "--json");
        Assert.Equal(0, created);
        var dom = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("domid").GetInt32();
        _domains.Add(dom);
        var (ioemu, ioemuNode) = await PlacedAsync(new DeviceModelOf(dom));
        Assert.NotEqual(Cluster.Node("host-1-dom0").Pid, ioemuNode.Pid);
        var tree = await WholeTreeAsync();
        var owners = await OwnersAsync();

        var (code, _, err) = await Cluster.Cluster.RunAsync("xm", "pci-attach", dom.ToString(CultureInfo.InvariantCulture), "0000:00:1d.0");

        Assert.Equal(1, code);
        Assert.Equal("Error: pci: 0000:00:1d.0: non-page-aligned MMIO BAR found.", err.Trim());
        Assert.Equal(tree, await WholeTreeAsync());
        Assert.Equal(owners, await OwnersAsync());
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:00:1d.0"));
        Assert.Empty(await GuestSeesAsync(dom));
        Assert.Empty((await ioemu.Ask<PciDeviceList>(QueryPci.Instance, TimeSpan.FromSeconds(10))).Devices);
        await Ok(new XmDestroy(dom));
    }

    [Fact]
    public async Task Must_time_out_a_detach_the_guest_refuses_and_keep_the_device_attached_and_working()
    {
        await PooledAsync("0000:03:00.1");
        var dom = await HvmGuestAsync("in-use", HotplugMode.Acpi, stub: false);
        await Ok(new XmPciAttach(dom, "0000:03:00.1@6"));
        var (kernel, _) = await KernelOf(dom);
        var (ioemu, _) = await PlacedAsync(new DeviceModelOf(dom));
        await BehaveAsync(kernel, new GuestKernelOptions { Behaviour = GuestHotplugBehaviour.RefuseEject });
        var tree = await WholeTreeAsync();
        var owners = await OwnersAsync();

        var refused = await Probe.XmAsync(new XmPciDetach(dom, "0000:03:00.1"));

        Assert.False(refused.Success);
        // The guest was asked (GPE) and never ejected: ioemu's timer answered, nothing reached the hypervisor.
        Assert.Equal([(P.Xm, P.Xend), (P.Xend, P.Ioemu), (P.Ioemu, P.VirtualBios), (P.Ioemu, P.Xend), (P.Xend, P.Xm)], TrailOf(refused).Path);
        Assert.Equal($"timed out waiting for domain {dom} to eject 0000:03:00.1 from virtual slot 0x06; the device stays attached", refused.Message);
        Assert.Equal(tree, await WholeTreeAsync());
        Assert.Equal(owners, await OwnersAsync());
        Assert.Equal(dom, await OwnerOf("0000:03:00.1"));
        Assert.Equal(["0000:00:06.0 8086:10c9"], await GuestSeesAsync(dom));
        Assert.Equal(["Vdev Device", "06.0 0000:03:00.1"], (await Ok(new XmPciList(dom))).Lines);
        // Still working: the guest's config reads reach the device through ioemu.
        var id = await ioemu.Ask<ConfigAccessReply>(new GuestConfigRead(new PciAddress(0, 0, 6, 0), 0, 4), TimeSpan.FromSeconds(10));
        Assert.Equal(0x10c98086u, id.Value);

        // Once the guest lets go, the same detach goes through.
        await BehaveAsync(kernel, new GuestKernelOptions());
        await Ok(new XmPciDetach(dom, "0000:03:00.1"));
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:03:00.1"));
        await Ok(new XmDestroy(dom));
        await AssertOwnershipInvariantAsync();
    }

    /// <summary>
    /// Sets the guest kernel's behaviour and waits until it holds: the Identify behind it on the same link is answered
    /// after it, so a detach sent next cannot reach the guest (through dom0 and ioemu) before the new behaviour does.
    /// </summary>
    private static async Task BehaveAsync(IActorRef kernel, GuestKernelOptions options)
    {
        kernel.Tell(new SetGuestBehaviour(options));
        await kernel.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Must_dump_the_guest_view_from_a_stub_domain_ioemu_that_the_real_lspci_decodes()
    {
        await PooledAsync("0000:03:00.0");
        var dom = await HvmGuestAsync("dumped", HotplugMode.Acpi, stub: true);
        var name = dom.ToString(CultureInfo.InvariantCulture);
        await Ok(new XmPciAttach(dom, "0000:03:00.0@7"));

        var guestFile = Path.Combine(Cluster.Cluster.Path, "dumped.lspci");
        Assert.Equal(0, (await Cluster.Cluster.RunAsync("xm", "pci-dump", name, "--output", guestFile)).Code);
        var guest = XenActors.TestKit.Tools.LspciTool.RunOnFile(guestFile, "-vvv");
        Assert.StartsWith("00:07.0 Ethernet controller: Intel Corporation 82576", guest, StringComparison.Ordinal);
        Assert.Contains("MSI-X: Enable-", guest, StringComparison.Ordinal);
        Assert.DoesNotContain("03:00.0", guest, StringComparison.Ordinal);
        var physicalFile = Path.Combine(Cluster.Cluster.Path, "dumped-physical.lspci");
        Assert.Equal(0, (await Cluster.Cluster.RunAsync("xm", "pci-dump", name, "--physical", "--output", physicalFile)).Code);
        Assert.StartsWith("03:00.0 Ethernet controller: Intel Corporation 82576", XenActors.TestKit.Tools.LspciTool.RunOnFile(physicalFile, "-vvv"), StringComparison.Ordinal);

        await Ok(new XmPciDetach(dom, "0000:03:00.0"));
        await Ok(new XmDestroy(dom));
    }
}
