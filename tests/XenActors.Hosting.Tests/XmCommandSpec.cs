using System.Text.Json;
using Xunit.Abstractions;

namespace XenActors.Hosting.Tests;

/// <summary>
/// <c>xenactors xm ...</c> from its own process against xend on the host node of a local cluster: the operation has
/// finished when the command returns, and the real xenstore tools see its result in the host's live store.
/// </summary>
public sealed class XmCommandSpec(ITestOutputHelper output) : IDisposable
{
    private readonly LocalClusterDirectory _cluster = new(output);

    private async Task<string> Ok(params string[] args)
    {
        var (code, stdout, stderr) = await _cluster.RunAsync(["xm", .. args]);
        Assert.True(code == 0, $"xm {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }

    [Fact]
    public async Task Must_hot_plug_a_function_into_a_guest_on_the_host_node_and_show_the_backend_to_the_real_tools()
    {
        Assert.Equal(0, (await _cluster.RunAsync("cluster", "up", "--nodes", "1")).Code);
        var socket = Path.Combine(_cluster.Path, "node-1.xs.sock");

        Assert.Contains("Started domain guest (id=1)", await Ok("create", "guest"), StringComparison.Ordinal);
        await Ok("pci-assignable-add", "0000:00:1d.0");
        Assert.Contains("0000:00:1d.0", await Ok("pci-assignable-list"), StringComparison.Ordinal);
        Assert.Contains("attached to domain 1", await Ok("pci-attach", "guest", "0000:00:1d.0"), StringComparison.Ordinal);
        Assert.Contains("0000:00:1d.0", await Ok("pci-list", "guest"), StringComparison.Ordinal);

        var list = JsonDocument.Parse(await Ok("list", "--json")).RootElement.EnumerateArray().Select(d => (d.GetProperty("name").GetString(), d.GetProperty("id").GetInt32())).ToList();
        Assert.Equal([("Domain-0", 0), ("guest", 1)], list);

        var ls = await _cluster.ToolAsync(socket, "xenstore-ls", "-f", "/local/domain/0/backend/pci/1/0");
        Assert.Equal(0, ls.Code);
        Assert.Contains("/local/domain/0/backend/pci/1/0/dev-0 = \"0000:00:1d.0\"", ls.Out, StringComparison.Ordinal);
        Assert.Contains("/local/domain/0/backend/pci/1/0/vdev-0 = ", ls.Out, StringComparison.Ordinal);
        Assert.Contains("/local/domain/0/backend/pci/1/0/state-0 = \"3\"", ls.Out, StringComparison.Ordinal);

        Assert.Contains("detached from domain 1", await Ok("pci-detach", "guest", "0000:00:1d.0"), StringComparison.Ordinal);
        var after = JsonDocument.Parse(await Ok("pci-list", "1", "--json")).RootElement;
        Assert.DoesNotContain(after.GetProperty("lines").EnumerateArray(), l => l.GetString()!.Contains("0000:00:1d.0", StringComparison.Ordinal));
        Assert.Contains("0000:00:1d.0", await Ok("pci-assignable-list"), StringComparison.Ordinal);

        Assert.Equal(0, (await _cluster.RunAsync("cluster", "down")).Code);
        Assert.False(File.Exists(socket));
    }

    [Fact]
    public async Task Must_bring_the_hvm_hotplug_trail_back_to_the_xm_client_as_json_and_with_trail()
    {
        Assert.Equal(0, (await _cluster.RunAsync("cluster", "up", "--nodes", "1")).Code);
        await Ok("create", "hvm", "--type", "hvm");
        await Ok("pci-assignable-add", "0000:00:1d.0");

        // --json: the hops from xm through xend, ioemu, the hypervisor and the guest back to xm, in order.
        var attach = JsonDocument.Parse(await Ok("pci-attach", "hvm", "0000:00:1d.0", "--json")).RootElement;
        var hops = attach.GetProperty("trail").EnumerateArray().Select(h => (h.GetProperty("from").GetString(), h.GetProperty("to").GetString())).ToList();
        Assert.Equal(("Xm", "Xend"), hops[0]);
        Assert.Equal(("Xend", "Xm"), hops[^1]);
        Assert.Contains(("Xend", "Ioemu"), hops);
        Assert.Contains(hops, h => h.Item2 == "GuestKernel");
        Assert.Contains("attached", attach.GetProperty("trail")[hops.Count - 1].GetProperty("event").GetString(), StringComparison.Ordinal);

        // --trail: the message, then one indented line per hop.
        var detach = (await Ok("pci-detach", "hvm", "0000:00:1d.0", "--trail")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var trail = detach.SkipWhile(l => l != "Trail:").Skip(1).ToList();
        Assert.StartsWith("  Xm -> Xend: ", trail[0], StringComparison.Ordinal);
        Assert.StartsWith("  Xend -> Xm: ", trail[^1], StringComparison.Ordinal);
        Assert.All(trail, l => Assert.StartsWith("  ", l, StringComparison.Ordinal));

        // A PV guest's result has no trail.
        await Ok("create", "pv");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await Ok("pci-attach", "pv", "0000:00:1d.0", "--json")).RootElement.GetProperty("trail").ValueKind);

        Assert.Equal(0, (await _cluster.RunAsync("cluster", "down")).Code);
    }

    [Fact]
    public async Task Must_exit_non_zero_with_the_xm_error_when_xend_refuses_and_leave_the_host_as_it_was()
    {
        Assert.Equal(0, (await _cluster.RunAsync("cluster", "up", "--nodes", "1")).Code);
        await Ok("create", "guest");

        // Not in the pool: xend refuses, nothing changes.
        var refused = await _cluster.RunAsync("xm", "pci-attach", "guest", "0000:00:1d.0");
        Assert.Equal(1, refused.Code);
        Assert.StartsWith("Error: ", refused.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("0000:00:1d.0", await Ok("pci-list", "guest"), StringComparison.Ordinal);

        var unknown = await _cluster.RunAsync("xm", "pci-list", "nosuchguest");
        Assert.Equal(1, unknown.Code);
        Assert.Contains("Error: Domain 'nosuchguest' does not exist.", unknown.Err, StringComparison.Ordinal);

        Assert.Equal(0, (await _cluster.RunAsync("cluster", "down")).Code);
    }

    [Fact]
    public async Task Must_give_the_host_the_pci_inventory_chosen_with_cluster_up_inventory()
    {
        Directory.CreateDirectory(_cluster.Path);
        var inventory = Path.Combine(_cluster.Path, "inventory.json");
        await File.WriteAllTextAsync(inventory, """{ "presets": [ { "kind": "simple-nic", "slot": "0000:07:00" } ] }""");
        Assert.Equal(0, (await _cluster.RunAsync("cluster", "up", "--nodes", "1", "--inventory", inventory)).Code);

        await Ok("pci-assignable-add", "0000:07:00.0");
        Assert.Contains("0000:07:00.0", await Ok("pci-assignable-list"), StringComparison.Ordinal);
        // The default set's USB controller is not on this host.
        Assert.Equal(1, (await _cluster.RunAsync("xm", "pci-assignable-add", "0000:00:1d.0")).Code);

        Assert.Equal(0, (await _cluster.RunAsync("cluster", "down")).Code);
    }

    [Fact]
    public async Task Must_pass_a_function_with_a_non_page_aligned_bar_through_to_an_hvm_guest_once_dom0_boots_with_reassigndev()
    {
        Directory.CreateDirectory(_cluster.Path);
        var inventory = Path.Combine(_cluster.Path, "inventory.json");
        await File.WriteAllTextAsync(inventory, """{ "presets": [ { "kind": "usb-controller-set", "slot": "0000:00:1d", "nonPageAlignedMmioBar": true } ] }""");
        var config = Path.Combine(_cluster.Path, "dom0.json");
        await File.WriteAllTextAsync(config, """{ "xenactors": { "xen": { "dom0CommandLine": "ro quiet reassigndev=0000:00:1d.0" } } }""");
        Assert.Equal(0, (await _cluster.RunAsync("cluster", "up", "--nodes", "1", "--inventory", inventory, "--config", config)).Code);
        await Ok("create", "hvm", "--type", "hvm");
        await Ok("pci-assignable-add", "0000:00:1d.0");

        // Without the parameter ioemu refuses: "pci: 0000:00:1d.0: non-page-aligned MMIO BAR found." (AcpiHotplugSpec).
        Assert.Contains("attached to domain", await Ok("pci-attach", "hvm", "0000:00:1d.0"), StringComparison.Ordinal);

        Assert.Equal(0, (await _cluster.RunAsync("cluster", "down")).Code);
    }

    [Fact]
    public async Task Must_refuse_to_start_a_host_whose_dom0_command_line_has_a_malformed_reassigndev()
    {
        Directory.CreateDirectory(_cluster.Path);
        var config = Path.Combine(_cluster.Path, "dom0.json");
        await File.WriteAllTextAsync(config, """{ "xenactors": { "xen": { "dom0CommandLine": "reassigndev=0000:00:zz.0" } } }""");

        var (code, _, err) = await _cluster.RunAsync("cluster", "up", "--nodes", "1", "--config", config, "--timeout", "30");

        Assert.NotEqual(0, code);
        Assert.Contains("xenactors:xen:dom0CommandLine", err, StringComparison.Ordinal);
    }

    public void Dispose() => _cluster.Dispose();
}
