using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using HypervisorClient = XenActors.Xen.Hypervisor.HypervisorClient;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Tests.Hotplug;

public sealed class PvHotplugSpec : TestKit.TestKit
{
    private readonly InProcessXenHost _host;
    private readonly SharedHypervisor _hypervisor = new();
    private readonly ConcurrentQueue<XsNodeWritten> _journal = new();

    public PvHotplugSpec()
    {
        Sys.EventStream.Subscribe<XsNodeWritten>(w => _journal.Enqueue(w));
        var inventory = new PciInventory([SyntheticDevices.UsbControllerSet(), SyntheticDevices.SimpleNic()]);
        _host = new InProcessXenHost(Sys, inventory, timeout: TimeSpan.FromSeconds(5), hypervisor: _hypervisor);
    }

    private async Task<XmResult> Ok(object command)
    {
        var r = await _host.Xm(command);
        Assert.True(r.Success, r.Message);
        return r;
    }

    private async Task<int> GuestWithPool(params string[] bdfs)
    {
        foreach (var b in bdfs)
            await Ok(new XmPciAssignableAdd(b));
        return (await Ok(new XmCreate("guest"))).Domid;
    }

    private string Be(int domid) => XenbusPci.BackendPath(0, domid);

    private async Task<IReadOnlyList<string>> Tree(string root, bool relative = true)
    {
        var listing = await _host.XenStore.Ask<XsListing>(new XsList(root));
        return listing.Entries.Select(e => (relative ? e.Path[root.Length..].TrimStart('/') : e.Path) + " = \"" + e.Value + "\"").ToList();
    }

    private async Task<IReadOnlyList<string>> Lspci(int domid)
    {
        var kernel = (await _host.Launcher.Ask<DomainActor>(new GuestKernelOf(domid))).Actor;
        return (await kernel.Ask<GuestPciBus>(GuestLspci.Instance)).Lines;
    }

    /// <summary>Backend and guest-side state transitions, in commit order, as "be 7" / "fe 4" / "state-0 3".</summary>
    private List<string> StateSequence(int domid) => _journal
        .Where(w => w.Path.StartsWith(Be(domid) + "/state", StringComparison.Ordinal) || w.Path == XenbusPci.FrontendPath(domid) + "/state")
        .Select(w => (w.Path.StartsWith(Be(domid), StringComparison.Ordinal) ? (w.Path.EndsWith("/state", StringComparison.Ordinal) ? "be" : w.Path[(Be(domid).Length + 1)..]) : "fe") + " " + w.Value)
        .ToList();

    /// <summary>DESIGN.md: each function owned by exactly one of host, pool, one live domain; hypervisor model sound.</summary>
    private async Task AssertOwnershipInvariant()
    {
        var devices = await new HypervisorClient(_host.Hypervisor).DevicesAsync();
        Assert.Equal(_host.Inventory.Count, devices.Count);
        foreach (var d in devices)
            Assert.True(d.Owner == DomainIds.Dom0 || d.Owner == DomainIds.Io || (await new HypervisorClient(_host.Hypervisor).CallAsync<DomainSummary>(new HvGetDomain(d.Owner))).IsSuccess,
                $"{d.Address} owned by {d.Owner}");
        Assert.Empty(await new HypervisorClient(_host.Hypervisor).CheckInvariantsAsync());
    }

    private async Task<int> OwnerOf(string bdf) =>
        (await new HypervisorClient(_host.Hypervisor).DevicesAsync()).Single(d => d.Address.ToString() == bdf).Owner;

    [Fact]
    public async Task Must_attach_a_single_function_through_the_initial_connect_and_show_it_on_the_guest_bus()
    {
        var dom = await GuestWithPool("0000:00:04.0");
        await Ok(new XmPciAttach(dom, "00:04.0"));
        Assert.Equal(
        [
            " = \"\"",
            "frontend = \"/local/domain/1/device/pci/0\"",
            "frontend-id = \"1\"",
            "online = \"1\"",
            "domain = \"guest\"",
            "key-0 = \"0000:00:04\"",
            "dev-0 = \"0000:00:04.0\"",
            "opts-0 = \"msitranslate=0,power_mgmt=0,permissive=0,rdm_policy=strict\"",
            "state-0 = \"3\"",
            "num_devs = \"1\"",
            "state = \"4\"",
            "vdev-0 = \"0000:00:00.00\"",
            "root-0 = \"0000:00\"",
            "root_num = \"1\"",
        ], await Tree(Be(dom)));
        Assert.Equal(["00:00.0 0200: 10ec:8139"], await Lspci(dom));
        Assert.Equal(1, await OwnerOf("0000:00:04.0"));
        // pciback's setup and pcifront's publish may run in either order (reference §1); each end's own
        // sequence is fixed, and the backend connects only after the frontend is Initialised.
        var seq = StateSequence(dom);
        Assert.Equal(["be 1", "be 2", "be 3", "be 4"], seq.Where(s => s.StartsWith("be", StringComparison.Ordinal)).ToList());
        Assert.Equal(["fe 1", "fe 3", "fe 4"], seq.Where(s => s.StartsWith("fe", StringComparison.Ordinal)).ToList());
        Assert.Equal(["state-0 1", "state-0 3"], seq.Where(s => s.StartsWith("state-0", StringComparison.Ordinal)).ToList());
        Assert.True(seq.IndexOf("fe 3") < seq.IndexOf("be 4") && seq.IndexOf("be 4") < seq.IndexOf("fe 4"), string.Join(", ", seq));
        Assert.True(seq.IndexOf("state-0 3") < seq.IndexOf("be 3"), string.Join(", ", seq));
        await AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_hot_add_through_the_seed_sequence_and_hot_remove_with_compaction()
    {
        var dom = await GuestWithPool("0000:00:04.0", "0000:00:1d.0", "0000:00:1d.1", "0000:00:1d.2", "0000:00:1d.3", "0000:00:1d.7");
        await Ok(new XmPciAttach(dom, "00:04.0"));
        _journal.Clear();

        // Multi-function set at virtual slot 5: lowest → function 0, attached last.
        await Ok(new XmPciAttach(dom, "00:1d.0-1@5"));
        Assert.Equal(["be 7", "fe 7", "state-1 3", "state-2 3", "be 8", "fe 4", "be 4"], StateSequence(dom).Where(s => !s.EndsWith(" 1", StringComparison.Ordinal) || s.StartsWith("be", StringComparison.Ordinal)).ToList());
        Assert.Equal(["state-1 1", "state-2 1", "be 7", "fe 7", "state-1 3", "state-2 3", "be 8", "fe 4", "be 4"], StateSequence(dom));
        var tree = await Tree(Be(dom));
        Assert.Contains("dev-1 = \"0000:00:1d.1\"", tree);
        Assert.Contains("vdevfn-1 = \"29\"", tree);
        Assert.Contains("vdev-1 = \"0000:00:05.01\"", tree);
        Assert.Contains("dev-2 = \"0000:00:1d.0\"", tree);
        Assert.Contains("vdev-2 = \"0000:00:05.00\"", tree);
        Assert.Contains("num_devs = \"3\"", tree);
        Assert.Equal(["00:00.0 0200: 10ec:8139", "00:05.0 0c03: 8086:2934", "00:05.1 0c03: 8086:2935"], await Lspci(dom));
        Assert.Equal(["Vdev Device", "00.0 0000:00:04.0", "05.1 0000:00:1d.1", "05.0 0000:00:1d.0"], (await Ok(new XmPciList(dom))).Lines);

        // Detach the first entry: the multi-function set moves down to indices 0 and 1.
        _journal.Clear();
        await Ok(new XmPciDetach(dom, "00:04.0"));
        Assert.Equal(["state-0 5", "be 7", "fe 7", "be 8", "fe 4", "be 4", "state-0 3", "state-1 3"], StateSequence(dom));
        tree = await Tree(Be(dom));
        Assert.Contains("dev-0 = \"0000:00:1d.1\"", tree);
        Assert.Contains("dev-1 = \"0000:00:1d.0\"", tree);
        Assert.Contains("num_devs = \"2\"", tree);
        Assert.DoesNotContain(tree, l => l.StartsWith("dev-2", StringComparison.Ordinal) || l.StartsWith("vdev-2", StringComparison.Ordinal));
        Assert.DoesNotContain(tree, l => l.StartsWith("vdevfn-1 = \"29\"", StringComparison.Ordinal));
        Assert.Equal(["00:05.0 0c03: 8086:2934", "00:05.1 0c03: 8086:2935"], await Lspci(dom));
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:00:04.0"));

        // Detach all: the pcidev goes with the last device.
        await Ok(new XmPciDetach(dom, "00:1d.0-1"));
        Assert.Empty(await Tree(Be(dom)));
        Assert.Empty(await Tree(XenbusPci.FrontendPath(dom)));
        await AwaitAssertAsync(async () => Assert.Empty(await Lspci(dom)));
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:00:1d.0"));
        await AssertOwnershipInvariant();

        // And it can come back.
        await Ok(new XmPciAttach(dom, "00:04.0"));
        Assert.Equal(["00:00.0 0200: 10ec:8139"], await Lspci(dom));
    }

    [Fact]
    public async Task Must_find_hot_added_functions_by_rescanning_the_published_root_bus_over_pci_op()
    {
        var found = new ConcurrentQueue<string>();
        Sys.EventStream.Subscribe<XenActors.Event.LogEvent>(e =>
        {
            if (e.Message is { } text && text.Contains("New device on", StringComparison.Ordinal))
                found.Enqueue(text[text.IndexOf("New device on", StringComparison.Ordinal)..]);
        });
        var dom = await GuestWithPool("0000:00:04.0", "0000:00:1d.0", "0000:00:1d.1");
        await Ok(new XmPciAttach(dom, "00:04.0"));
        Assert.Empty(found); // the initial connect scans the root (pcifront_scan_root), it does not rescan
        await Ok(new XmPciAttach(dom, "00:1d.0-1@5"));
        // pcifront_scan_bus walks every devfn of root-0 (0000:00) and reports each function that answered
        // the vendor read, in devfn order; the device already on the bus is not probed again.
        await AwaitConditionAsync(() => found.Count >= 2);
        Assert.Equal(["New device on 0000:00:05.0 found.", "New device on 0000:00:05.1 found."], found.ToList());
        Assert.Equal(["00:00.0 0200: 10ec:8139", "00:05.0 0c03: 8086:2934", "00:05.1 0c03: 8086:2935"], await Lspci(dom));
    }

    private async Task<string> Read(string path) =>
        (await _host.XenStore.Ask<XsListing>(new XsList(path))).Entries.Single(e => e.Path == path).Value;

    private HypervisorClient Hv => new(_host.Hypervisor);

    private async Task<EventChannelStatus> PortStatus(int dom, int port) =>
        (await Hv.CallAsync<EventChannelInfo>(new HvEventChannelStatus(DomainIds.Dom0, dom, port))).Value.Status;

    [Fact]
    public async Task Must_close_the_pcidev_through_Closing_when_the_last_device_goes_and_reconnect_with_a_new_handshake()
    {
        var dom = await GuestWithPool("0000:00:04.0");
        await Ok(new XmPciAttach(dom, "00:04.0"));
        var fe = XenbusPci.FrontendPath(dom);
        var gref = uint.Parse(await Read(fe + "/" + XenbusPci.PciOpRef), System.Globalization.CultureInfo.InvariantCulture);
        var fePort = int.Parse(await Read(fe + "/" + XenbusPci.EventChannel), System.Globalization.CultureInfo.InvariantCulture);
        var channel = (await Hv.CallAsync<EventChannelInfo>(new HvEventChannelStatus(DomainIds.Dom0, dom, fePort))).Value;
        Assert.Equal(EventChannelStatus.Interdomain, channel.Status);
        var bePort = channel.RemotePort!.Value;
        Assert.Equal(1, (await Hv.CallAsync<GrantInfo>(new HvQueryGrant(dom, gref))).Value.MapCount);

        _journal.Clear();
        await Ok(new XmPciDetach(dom, "00:04.0"));
        // Reconfiguring handshake for the device, then the close: backend Closing (with online = 0),
        // pcifront straight to Closed, pciback Closed; the directories go only after that.
        Assert.Equal(["state-0 5", "be 7", "fe 7", "be 8", "fe 4", "be 4", "be 5", "fe 6", "be 6"], StateSequence(dom));
        var online = _journal.Single(w => w.Path == Be(dom) + "/" + XenbusPci.Online);
        Assert.Equal("0", online.Value);
        var journal = _journal.ToList();
        Assert.True(journal.IndexOf(online) < journal.FindIndex(w => w.Path == fe + "/state" && w.Value == "6"), "online = 0 is written with Closing, before pcifront closes");
        Assert.Empty(await Tree(Be(dom)));
        Assert.Empty(await Tree(fe));
        // pciback disconnected before it said Closed: its port is closed and the page unmapped.
        Assert.Equal(EventChannelStatus.Closed, await PortStatus(DomainIds.Dom0, bePort));
        Assert.Equal(0, (await Hv.CallAsync<GrantInfo>(new HvQueryGrant(dom, gref))).TryGetValue(out var g) ? g.MapCount : 0);
        // pcifront is removed with its directory: its port closes and the grant ends.
        await AwaitAssertAsync(async () =>
        {
            Assert.Equal(EventChannelStatus.Closed, await PortStatus(dom, fePort));
            Assert.Equal(Errno.EINVAL, (await Hv.CallAsync<GrantInfo>(new HvQueryGrant(dom, gref))).Errno);
        });
        await AwaitAssertAsync(async () => Assert.Empty(await Lspci(dom)));
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:00:04.0"));
        await AssertOwnershipInvariant();

        // A re-attach builds a new pcidev and a new handshake on a fresh page and channel.
        _journal.Clear();
        await Ok(new XmPciAttach(dom, "00:04.0"));
        var seq = StateSequence(dom);
        Assert.Equal(["be 1", "be 2", "be 3", "be 4"], seq.Where(s => s.StartsWith("be", StringComparison.Ordinal)).ToList());
        Assert.Equal(["fe 1", "fe 3", "fe 4"], seq.Where(s => s.StartsWith("fe", StringComparison.Ordinal)).ToList());
        var newPort = int.Parse(await Read(fe + "/" + XenbusPci.EventChannel), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(EventChannelStatus.Interdomain, await PortStatus(dom, newPort));
        var newGref = uint.Parse(await Read(fe + "/" + XenbusPci.PciOpRef), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, (await Hv.CallAsync<GrantInfo>(new HvQueryGrant(dom, newGref))).Value.MapCount);
        Assert.Equal(["00:00.0 0200: 10ec:8139"], await Lspci(dom));
        Assert.Equal("1", await Read(Be(dom) + "/" + XenbusPci.Online));
    }

    [Fact]
    public async Task Must_force_remove_the_pcidev_on_domain_destroy_and_release_the_backend_channel_and_page()
    {
        var dom = await GuestWithPool("0000:00:04.0");
        await Ok(new XmPciAttach(dom, "00:04.0"));
        var fePort = int.Parse(await Read(XenbusPci.FrontendPath(dom) + "/" + XenbusPci.EventChannel), System.Globalization.CultureInfo.InvariantCulture);
        var bePort = (await Hv.CallAsync<EventChannelInfo>(new HvEventChannelStatus(DomainIds.Dom0, dom, fePort))).Value.RemotePort!.Value;
        _journal.Clear();
        await Ok(new XmDestroy(dom));
        // libxl's forced removal: no Closing handshake with a guest that is gone.
        Assert.Empty(StateSequence(dom));
        Assert.Equal([" = \"\""], await Tree("/local/domain/0/backend/pci"));
        await AwaitAssertAsync(async () => Assert.Equal(EventChannelStatus.Closed, await PortStatus(DomainIds.Dom0, bePort)));
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:00:04.0"));
        await AssertOwnershipInvariant();
    }

    private async Task AssertRefusedWithNothingChanged(object command, string expected)
    {
        var before = await Tree("/");
        var owners = (await new HypervisorClient(_host.Hypervisor).DevicesAsync()).Select(d => d.ToString()).ToList();
        var r = await _host.Xm(command);
        Assert.False(r.Success);
        Assert.Contains(expected, r.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Tree("/"));
        Assert.Equal(owners, (await new HypervisorClient(_host.Hypervisor).DevicesAsync()).Select(d => d.ToString()).ToList());
        await AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_refuse_a_malformed_spec_with_nothing_changed()
    {
        var dom = await GuestWithPool("0000:00:04.0");
        await AssertRefusedWithNothingChanged(new XmPciAttach(dom, "00:20.0"), "malformed PCI_SPEC_STRING \"00:20.0\"");
    }

    [Fact]
    public async Task Must_refuse_a_device_not_in_the_pool_with_nothing_changed()
    {
        var dom = await GuestWithPool();
        await AssertRefusedWithNothingChanged(new XmPciAttach(dom, "00:04.0"), "PCI device 0:0:4.0 is not assignable");
    }

    [Fact]
    public async Task Must_refuse_a_function_already_assigned_to_another_guest_with_nothing_changed()
    {
        var dom = await GuestWithPool("0000:00:04.0");
        var other = (await Ok(new XmCreate("other"))).Domid;
        await Ok(new XmPciAttach(dom, "00:04.0"));
        await AssertRefusedWithNothingChanged(new XmPciAttach(other, "00:04.0"), "already assigned to a different guest?");
    }

    [Fact]
    public async Task Must_refuse_a_domain_that_does_not_exist_with_nothing_changed()
    {
        await GuestWithPool("0000:00:04.0");
        await AssertRefusedWithNothingChanged(new XmPciAttach(42, "00:04.0"), "42 is an invalid domain identifier");
    }

    [Fact]
    public async Task Must_refuse_a_detach_of_something_not_attached_with_nothing_changed()
    {
        var dom = await GuestWithPool("0000:00:04.0", "0000:00:1d.0");
        await Ok(new XmPciAttach(dom, "00:04.0"));
        await AssertRefusedWithNothingChanged(new XmPciDetach(dom, "00:1d.0"), "PCI device not attached to this domain");
    }

    [Fact]
    public async Task Must_refuse_a_second_virtual_function_0_in_an_occupied_virtual_slot_before_anything_changes()
    {
        // Each attach maps its lowest function to virtual function 0, so a second device at the same
        // virtual slot would need another function 0: refused before anything changes.
        var dom = await GuestWithPool("0000:00:1d.1", "0000:00:1d.2");
        await Ok(new XmPciAttach(dom, "00:1d.1@3"));
        Assert.Equal(["00:03.0 0c03: 8086:2935"], await Lspci(dom));
        await AssertRefusedWithNothingChanged(new XmPciAttach(dom, "00:1d.2@3"), "virtual slot 03 is already occupied");
    }

    [Fact]
    public async Task Must_write_nothing_and_keep_the_pool_when_the_assignment_fails_after_the_checks()
    {
        // The checks read owners and domains; only the IOMMU knows the guest is being migrated (log-dirty), so the
        // assignment itself refuses, after the entries were already written in the transaction: it is not committed.
        var dom = await GuestWithPool("0000:00:1d.0", "0000:00:1d.1", "0000:00:1d.2");
        lock (_hypervisor.Gate)
            _hypervisor.Model.EnableLogDirty(dom).ThrowIfFailed();
        await AssertRefusedWithNothingChanged(new XmPciAttach(dom, "00:1d.0-2"), "log-dirty mode");
    }

    [Fact]
    public async Task Must_fail_an_attach_when_the_guest_dies_midway_and_leave_the_device_in_the_pool()
    {
        var dom = await GuestWithPool("0000:00:04.0");
        var kernel = (await _host.Launcher.Ask<DomainActor>(new GuestKernelOf(dom))).Actor; // the kernel is up
        Watch(kernel);
        _host.Launcher.Tell(new StopGuestKernel(dom));                           // ...and now hangs: pcifront never answers
        ExpectTerminated(kernel); // gone before xend starts, or a fast pcifront could still connect
        var attach = _host.Xm(new XmPciAttach(dom, "00:04.0"));
        await AwaitConditionAsync(() => _journal.Any(w => w.Path == Be(dom) + "/state"));
        await Ok(new XmDestroy(dom));
        var r = await attach;
        Assert.False(r.Success);
        Assert.Contains("died", r.Message, StringComparison.Ordinal);
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:00:04.0"));
        Assert.Equal([" = \"\""], await Tree("/local/domain/0/backend/pci"));
        Assert.Empty(await Tree("/local/domain/" + dom));
        await AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_halt_pciback_with_the_real_error_node_on_a_wrong_magic()
    {
        var host = new InProcessXenHost(Sys, new PciInventory([SyntheticDevices.SimpleNic()]), timeout: TimeSpan.FromSeconds(2), magicFor: _ => "6", prefix: "bad-");
        await host.Xm(new XmPciAssignableAdd("0000:00:04.0"));
        var dom = (await host.Xm(new XmCreate("guest"))).Domid;
        var r = await host.Xm(new XmPciAttach(dom, "00:04.0"));
        Assert.False(r.Success);
        var error = await host.XenStore.Ask<XsListing>(new XsList($"/local/domain/0/error/backend/pci/{dom}/0/error"));
        Assert.Equal("14 version mismatch (6/7) with pcifront - halting xen-pciback", Assert.Single(error.Entries).Value);
        var devices = await new HypervisorClient(host.Hypervisor).DevicesAsync();
        Assert.Equal(DomainIds.Io, Assert.Single(devices).Owner);
    }
}
