using XenActors.Actor;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;
using Xunit.Abstractions;

namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>
/// PV hot-plug on a split host (xen, dom0, driver domain and two guests, each its own process): attach a single
/// function, a multi-function set at a vslot, detach one, detach all. After each step the backend and frontend trees
/// as the real <c>xenstore-ls -f</c> shows them equal the seed's layout, <c>xm pci-list</c> and the guest kernel's own
/// bus show the virtual BDFs, and the journal shows every state / state-N went exactly through the seed's sequence.
/// </summary>
[Collection("split-host")]
public sealed class SplitHostHotplugSpec(TwoGuestSplitCluster cluster, ITestOutputHelper output) : SplitHostSpecBase(cluster, output), IClassFixture<TwoGuestSplitCluster>
{
    private async Task<string> XmCli(params string[] args)
    {
        var (code, stdout, stderr) = await Cluster.Cluster.RunAsync(["xm", .. args]);
        Assert.True(code == 0, $"xm {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>The guest kernel's own virtual bus (in the guest's process): "BB:DD.F class: vendor:device" lines.</summary>
    private async Task<IReadOnlyList<string>> GuestBusAsync(int domid) =>
        (await (await KernelOf(domid)).Kernel.Ask<GuestPciBus>(GuestLspci.Instance, TimeSpan.FromSeconds(10))).Lines;

    /// <summary>pcifront's half as the seed's connect leaves it: the shared page's grant, its event channel, magic "7".</summary>
    private static List<string> FrontendGolden(int dom) => Golden(dom,
        "backend = \"/local/domain/1/backend/pci/{D}/0\"",
        "backend-id = \"1\"",
        "state = \"4\"",
        "pci-op-ref = \"8\"",
        "event-channel = \"1\"",
        "magic = \"7\"");

    private static IReadOnlyList<string> Slots(IReadOnlyList<string> lspci) => [.. lspci.Select(l => l.Split(' ')[0])];

    [Fact]
    public async Task Must_attach_one_then_a_multi_function_set_detach_one_then_all_through_the_seed_sequence_across_processes()
    {
        await PoolAsync("0000:03:00.0", "0000:00:1d.0", "0000:00:1d.1");
        var dom = (await Ok(new XmCreate("hotplug"))).Domid;
        var name = dom.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // 1. A single function: the initial connect (no pcidev yet).
        var mark = JournalMark();
        await Ok(new XmPciAttach(dom, "0000:03:00.0"));
        Assert.Equal(Golden(dom,
            "frontend = \"/local/domain/{D}/device/pci/0\"",
            "frontend-id = \"{D}\"",
            "online = \"1\"",
            "domain = \"hotplug\"",
            "key-0 = \"0000:03:00\"",
            "dev-0 = \"0000:03:00.0\"",
            "opts-0 = \"msitranslate=0,power_mgmt=0,permissive=0,rdm_policy=strict\"",
            "state-0 = \"3\"",
            "num_devs = \"1\"",
            "state = \"4\"",
            "vdev-0 = \"0000:00:00.00\"",
            "root-0 = \"0000:00\"",
            "root_num = \"1\""), await LsAsync(Be(dom)));
        Assert.Equal(FrontendGolden(dom), await LsAsync(Fe(dom)));
        await AwaitConditionAsync(() => StateSequence(dom, mark).Contains("be 4"), TimeSpan.FromSeconds(10));
        var seq = StateSequence(dom, mark);
        Assert.Equal(["be 1", "be 2", "be 3", "be 4"], seq.Where(s => s.StartsWith("be", StringComparison.Ordinal)).ToList());
        Assert.Equal(["fe 1", "fe 3", "fe 4"], seq.Where(s => s.StartsWith("fe", StringComparison.Ordinal)).ToList());
        Assert.Equal(["state-0 1", "state-0 3"], seq.Where(s => s.StartsWith("state-0", StringComparison.Ordinal)).ToList());
        Assert.True(seq.IndexOf("fe 3") < seq.IndexOf("be 4") && seq.IndexOf("be 4") < seq.IndexOf("fe 4"), string.Join(", ", seq));
        Assert.True(seq.IndexOf("state-0 3") < seq.IndexOf("be 3"), string.Join(", ", seq));
        Assert.Equal(["00:00.0"], Slots(await GuestBusAsync(dom)));
        Assert.Contains("00.0 0000:03:00.0", await XmCli("pci-list", name), StringComparison.Ordinal);
        await AssertOwnershipInvariantAsync();

        // 2. A multi-function set at virtual slot 5: the lowest function becomes virtual function 0, attached last.
        mark = JournalMark();
        await Ok(new XmPciAttach(dom, "0000:00:1d.0-1@5"));
        await AssertSequenceAsync(["state-1 1", "state-2 1", "be 7", "fe 7", "state-1 3", "state-2 3", "be 8", "fe 4", "be 4"], dom, mark);
        Assert.Equal(Golden(dom,
            "frontend = \"/local/domain/{D}/device/pci/0\"",
            "frontend-id = \"{D}\"",
            "online = \"1\"",
            "domain = \"hotplug\"",
            "key-0 = \"0000:03:00\"",
            "dev-0 = \"0000:03:00.0\"",
            "opts-0 = \"msitranslate=0,power_mgmt=0,permissive=0,rdm_policy=strict\"",
            "state-0 = \"3\"",
            "num_devs = \"3\"",
            "state = \"4\"",
            "vdev-0 = \"0000:00:00.00\"",
            "root-0 = \"0000:00\"",
            "root_num = \"1\"",
            "key-1 = \"0000:00:1d\"",
            "dev-1 = \"0000:00:1d.1\"",
            "vdevfn-1 = \"29\"",
            "opts-1 = \"msitranslate=0,power_mgmt=0,permissive=0,rdm_policy=strict\"",
            "state-1 = \"3\"",
            "key-2 = \"0000:00:1d\"",
            "dev-2 = \"0000:00:1d.0\"",
            "vdevfn-2 = \"28\"",
            "opts-2 = \"msitranslate=0,power_mgmt=0,permissive=0,rdm_policy=strict\"",
            "state-2 = \"3\"",
            "vdev-1 = \"0000:00:05.01\"",
            "vdev-2 = \"0000:00:05.00\""), await LsAsync(Be(dom)));
        Assert.Equal(FrontendGolden(dom), await LsAsync(Fe(dom)));
        Assert.Equal(["00:00.0", "00:05.0", "00:05.1"], Slots(await GuestBusAsync(dom)));
        Assert.Equal("Vdev Device\n00.0 0000:03:00.0\n05.1 0000:00:1d.1\n05.0 0000:00:1d.0\n", await XmCli("pci-list", name));
        await AssertOwnershipInvariantAsync();

        // 3. Detach the first entry: the set moves down to indices 0 and 1.
        mark = JournalMark();
        await Ok(new XmPciDetach(dom, "0000:03:00.0"));
        await AssertSequenceAsync(["state-0 5", "be 7", "fe 7", "be 8", "fe 4", "be 4", "state-0 3", "state-1 3"], dom, mark);
        Assert.Equal(Golden(dom,
            "frontend = \"/local/domain/{D}/device/pci/0\"",
            "frontend-id = \"{D}\"",
            "online = \"1\"",
            "domain = \"hotplug\"",
            "key-0 = \"0000:00:1d\"",
            "dev-0 = \"0000:00:1d.1\"",
            "opts-0 = \"msitranslate=0,power_mgmt=0,permissive=0,rdm_policy=strict\"",
            "state-0 = \"3\"",
            "num_devs = \"2\"",
            "state = \"4\"",
            "vdev-0 = \"0000:00:05.01\"",
            "root-0 = \"0000:00\"",
            "root_num = \"1\"",
            "key-1 = \"0000:00:1d\"",
            "dev-1 = \"0000:00:1d.0\"",
            "vdevfn-1 = \"28\"",
            "opts-1 = \"msitranslate=0,power_mgmt=0,permissive=0,rdm_policy=strict\"",
            "state-1 = \"3\"",
            "vdev-1 = \"0000:00:05.00\"",
            "vdevfn-0 = \"29\""), await LsAsync(Be(dom)));
        Assert.Equal(FrontendGolden(dom), await LsAsync(Fe(dom)));
        Assert.Equal(["00:05.0", "00:05.1"], Slots(await GuestBusAsync(dom)));
        Assert.Equal("Vdev Device\n05.1 0000:00:1d.1\n05.0 0000:00:1d.0\n", await XmCli("pci-list", name));
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:03:00.0"));
        await AssertOwnershipInvariantAsync();

        // 4. Detach all: the last device goes through the usual Reconfiguring walk, then libxl's teardown closes the
        // pcidev (online=0, backend Closing, pcifront straight to Closed, pciback Closed) before the directories go.
        mark = JournalMark();
        await Ok(new XmPciDetach(dom, "0000:00:1d.0-1"));
        await AssertSequenceAsync(["state-0 5", "state-1 5", "be 7", "fe 7", "be 8", "fe 4", "be 4", "be 5", "fe 6", "be 6"], dom, mark);
        await AwaitAssertAsync(async () => Assert.Empty(await GuestBusAsync(dom)));
        Assert.Empty(await LsAsync(Be(dom)));
        Assert.Empty(await LsAsync(Fe(dom)));
        Assert.Equal("Vdev Device\n", await XmCli("pci-list", name));
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:00:1d.0"));
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:00:1d.1"));
        await AssertOwnershipInvariantAsync();
        await Ok(new XmDestroy(dom));
    }

    [Fact]
    public async Task Must_run_xen_dom0_the_driver_domain_and_each_guest_in_a_process_of_its_own_and_refuse_a_create_when_no_guest_node_is_free()
    {
        var (code, json, _) = await Cluster.Cluster.RunAsync("cluster", "status", "--json");
        Assert.Equal(0, code);
        var members = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => (Roles: m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList(), Host: m.GetProperty("host").GetString(), Pid: m.GetProperty("pid").GetInt32()));
        Assert.Equal(["host-1-xen", "host-1-dom0", "host-1-driver", "host-1-guest-1", "host-1-guest-2"], members.Keys);
        Assert.All(members.Values, m => Assert.Equal("host-1", m.Host));
        Assert.Contains("dom0@host-1", members["host-1-dom0"].Roles);
        Assert.Equal(5, members.Values.Select(m => m.Pid).Distinct().Count());

        var a = (await Ok(new XmCreate("placed-a"))).Domid;
        var b = (await Ok(new XmCreate("placed-b"))).Domid;
        var (_, nodeA) = await KernelOf(a);
        var (_, nodeB) = await KernelOf(b);
        Assert.NotEqual(nodeA.Name, nodeB.Name);
        // Each actor answers from its own node: hypervisor on xen, xend on dom0, pciback on the driver node.
        Assert.NotNull(await Probe.IdentifyOrNullAsync($"{Cluster.Node("host-1-xen").Address}/user/hypervisor"));
        Assert.NotNull(await Probe.IdentifyOrNullAsync($"{Cluster.Node("host-1-dom0").Address}/user/xend"));
        Assert.NotNull(await Probe.IdentifyOrNullAsync($"{Cluster.Node("host-1-driver").Address}/user/dom1-pciback"));
        Assert.Null(await Probe.IdentifyOrNullAsync($"{Cluster.Node("host-1-dom0").Address}/user/dom1-pciback"));
        Assert.Equal(new[] { "host-1-xen", "host-1-dom0", "host-1-driver", nodeA.Name, nodeB.Name }.Length,
            new[] { members["host-1-xen"].Pid, members["host-1-dom0"].Pid, members["host-1-driver"].Pid, members[nodeA.Name].Pid, members[nodeB.Name].Pid }.Distinct().Count());

        // Every guest node busy: refused before xend creates anything.
        var tree = await WholeTreeAsync();
        var owners = await OwnersAsync();
        var full = await Cluster.Cluster.RunAsync("xm", "create", "placed-c");
        Assert.Equal(1, full.Code);
        Assert.Contains("Error: no free guest node on host-1: all 2 are running domains; start the cluster with more --guests", full.Err, StringComparison.Ordinal);
        Assert.Equal(tree, await WholeTreeAsync());
        Assert.Equal(owners, await OwnersAsync());

        // Destroy frees the node.
        await Ok(new XmDestroy(a));
        var c = (await Ok(new XmCreate("placed-c"))).Domid;
        Assert.Equal(nodeA.Name, (await KernelOf(c)).Node.Name);
        await Ok(new XmDestroy(b));
        await Ok(new XmDestroy(c));
        await AssertOwnershipInvariantAsync();
    }

    [Fact]
    public async Task Must_refuse_a_domain_that_does_not_exist_and_a_function_already_assigned_across_processes_with_nothing_changed()
    {
        await PoolAsync("0000:03:00.1");
        var a = (await Ok(new XmCreate("owner"))).Domid;
        var b = (await Ok(new XmCreate("other"))).Domid;
        await Ok(new XmPciAttach(a, "0000:03:00.1"));
        var tree = await WholeTreeAsync();
        var owners = await OwnersAsync();

        var assigned = await Probe.XmAsync(new XmPciAttach(b, "0000:03:00.1"));
        Assert.False(assigned.Success);
        Assert.Contains("already assigned to a different guest?", assigned.Message, StringComparison.Ordinal);
        var missing = await Probe.XmAsync(new XmPciAttach(42, "0000:03:00.1"));
        Assert.False(missing.Success);
        Assert.Equal("42 is an invalid domain identifier", missing.Message);

        Assert.Equal(tree, await WholeTreeAsync());
        Assert.Equal(owners, await OwnersAsync());
        Assert.Equal(a, await OwnerOf("0000:03:00.1"));
        await AssertOwnershipInvariantAsync();
        await Ok(new XmDestroy(a));
        await Ok(new XmDestroy(b));
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:03:00.1"));
    }
}
