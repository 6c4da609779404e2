using XenActors.TestKit.Tools;
using System.Buffers;
using System.Diagnostics;
using XenActors.Actor;
using XenActors.Hosting.XenHost;
using XenActors.Remote.Serialization;
using XenActors.Xen.Xend;
using Xunit.Abstractions;

namespace XenActors.Hosting.Tests;

/// <summary>
/// <c>xenactors xm pci-dump</c> from its own process against the host node of a local cluster: the dump is
/// <c>lspci -xxxx</c> text that the real pciutils <c>lspci -F</c> decodes, at the guest's virtual BDF (or the
/// physical one with <c>--physical</c>).
/// </summary>
public sealed class XmPciDumpSpec(ITestOutputHelper output) : IDisposable
{
    private readonly LocalClusterDirectory _cluster = new(output);

    private async Task<string> Ok(params string[] args)
    {
        var (code, stdout, stderr) = await _cluster.RunAsync(["xm", .. args]);
        Assert.True(code == 0, $"xm {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>The real lspci on a dump file (TestKit's runner: a missing tool fails the test).</summary>
    private Task<string> LspciAsync(string file, params string[] args)
    {
        var stdout = LspciTool.RunOnFile(file, args);
        output.WriteLine($"$ lspci -F {file} {string.Join(' ', args)}\n{stdout}");
        return Task.FromResult(stdout);
    }

    /// <summary>"00:00.0 0c03: 8086:24cd ..." → ("0c03", "8086:24cd") for the device at <paramref name="bdf"/>.</summary>
    private static (string Class, string Ids) Numeric(string lspciN, string bdf)
    {
        var line = lspciN.Split('\n').Single(l => l.StartsWith(bdf + " ", StringComparison.Ordinal));
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (parts[1].TrimEnd(':'), parts[2]);
    }

    [Fact]
    public void Must_round_trip_xm_pci_dump_under_its_stable_manifest()
    {
        var registry = new SerializerRegistry(new NoRefs());
        XmSerialization.Register(registry);
        var buffer = new ArrayBufferWriter<byte>();
        var message = new XmPciDump(4, Physical: true);
        var binding = registry.Serialize(message, buffer);
        Assert.Equal("xen.xm.PciDump", binding.Manifest);
        Assert.Equal(message, registry.Deserialize(binding.SerializerId, binding.Manifest, buffer.WrittenSpan));
    }

    [Fact]
    public async Task Must_dump_a_pv_guest_view_at_its_virtual_bdf_and_the_physical_function_behind_it_for_the_real_lspci()
    {
        Assert.Equal(0, (await _cluster.RunAsync("cluster", "up", "--nodes", "1")).Code);
        Assert.Contains("Started domain guest (id=1)", await Ok("create", "guest"), StringComparison.Ordinal);
        await Ok("pci-assignable-add", "0000:00:1d.0");
        Assert.Contains("attached to domain 1", await Ok("pci-attach", "guest", "0000:00:1d.0@3"), StringComparison.Ordinal);

        var guestFile = Path.Combine(_cluster.Path, "guest.lspci");
        Assert.Equal("", await Ok("pci-dump", "guest", "--output", guestFile));
        var guest = await LspciAsync(guestFile, "-vvv");
        Assert.StartsWith("00:03.0 USB controller: ", guest, StringComparison.Ordinal);
        Assert.DoesNotContain("00:1d.0", guest, StringComparison.Ordinal);

        var physicalFile = Path.Combine(_cluster.Path, "physical.lspci");
        Assert.Equal("", await Ok("pci-dump", "guest", "--physical", "--output", physicalFile));
        var physical = await LspciAsync(physicalFile, "-vvv");
        Assert.StartsWith("00:1d.0 USB controller: ", physical, StringComparison.Ordinal);

        // The guest sees the physical function's vendor, device and class.
        Assert.Equal(Numeric(await LspciAsync(physicalFile, "-n"), "00:1d.0"), Numeric(await LspciAsync(guestFile, "-n"), "00:03.0"));

        // Without --output the same text goes to standard output.
        Assert.Equal(await File.ReadAllTextAsync(guestFile), await Ok("pci-dump", "1"));

        Assert.Equal(0, (await _cluster.RunAsync("cluster", "down")).Code);
    }

    [Fact]
    public async Task Must_dump_an_hvm_guest_view_from_its_device_model_at_the_virtual_slot_ioemu_chose()
    {
        Assert.Equal(0, (await _cluster.RunAsync("cluster", "up", "--nodes", "1")).Code);
        Assert.Contains("Started domain hg (id=1)", await Ok("create", "hg", "--type", "hvm"), StringComparison.Ordinal);
        await Ok("pci-assignable-add", "0000:00:1d.0");
        var attached = await Ok("pci-attach", "hg", "0000:00:1d.0");
        var slot = attached.Trim()[^2..];
        Assert.Contains("attached to domain 1 at virtual slot " + slot, attached, StringComparison.Ordinal);

        var guestFile = Path.Combine(_cluster.Path, "hg.lspci");
        await Ok("pci-dump", "hg", "--output", guestFile);
        var guest = await LspciAsync(guestFile, "-vvv");
        Assert.Contains($"00:{slot}.0 USB controller: ", guest, StringComparison.Ordinal);

        var physicalFile = Path.Combine(_cluster.Path, "hg-physical.lspci");
        await Ok("pci-dump", "hg", "--physical", "--output", physicalFile);
        Assert.StartsWith("00:1d.0 USB controller: ", await LspciAsync(physicalFile, "-vvv"), StringComparison.Ordinal);
        Assert.Equal(Numeric(await LspciAsync(physicalFile, "-n"), "00:1d.0"), Numeric(await LspciAsync(guestFile, "-n"), $"00:{slot}.0"));

        Assert.Equal(0, (await _cluster.RunAsync("cluster", "down")).Code);
    }

    [Fact]
    public async Task Must_exit_1_with_the_xm_error_and_write_nothing_for_an_unknown_domain()
    {
        Assert.Equal(0, (await _cluster.RunAsync("cluster", "up", "--nodes", "1")).Code);
        var file = Path.Combine(_cluster.Path, "dump.lspci");

        var byName = await _cluster.RunAsync("xm", "pci-dump", "nosuchguest", "--output", file);
        Assert.Equal(1, byName.Code);
        Assert.StartsWith("Error: Domain 'nosuchguest' does not exist.", byName.Err, StringComparison.Ordinal);
        Assert.Equal("", byName.Out);

        var byId = await _cluster.RunAsync("xm", "pci-dump", "42", "--physical", "--output", file);
        Assert.Equal(1, byId.Code);
        Assert.StartsWith("Error: 42 is an invalid domain identifier", byId.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(file));

        Assert.Equal(0, (await _cluster.RunAsync("cluster", "down")).Code);
    }

    public void Dispose() => _cluster.Dispose(); // LspciTool waits for (or kills) every lspci it starts


    private sealed class NoRefs : IActorRefResolver
    {
        public string ToSerializedPath(IActorRef actorRef) => throw new InvalidOperationException("xm messages carry no refs");

        public IActorRef Resolve(string serializedPath) => throw new InvalidOperationException("xm messages carry no refs");
    }
}
