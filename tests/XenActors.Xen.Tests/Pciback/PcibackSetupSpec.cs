using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pciback;
using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Tests.Pciback;

/// <summary>
/// xen_pcibk_setup_backend: the listed functions are exported in index order and the root bus published before
/// Initialised; the first function that cannot be exported ends the set-up (Linux's <c>goto out</c>).
/// </summary>
public sealed class PcibackSetupSpec : TestKit.TestKit
{
    private const string Backend = "/local/domain/0/backend/pci/5/0";
    private const string Nic = "0000:00:04.0";

    [Fact]
    public async Task Must_export_every_listed_function_and_publish_the_root_before_Initialised()
    {
        var (toolstack, writes) = await StartAsync(Nic, "0000:00:05.0");

        await AwaitAssertAsync(async () => Assert.Equal("3", await toolstack.TryReadAsync(Backend + "/state")));

        Assert.Equal("0000:00:00.00", await toolstack.TryReadAsync(Backend + "/vdev-0"));
        Assert.Equal("0000:00:01.00", await toolstack.TryReadAsync(Backend + "/vdev-1"));
        // In the order the one-by-one code writes them: each vdev-N before its state-N, root-0 before root_num, all
        // after InitWait and before Initialised.
        Assert.Equal(
            ["state=2", "vdev-0", "state-0=3", "vdev-1", "state-1=3", "root-0", "root_num", "state=3"],
            Written(writes, untilState: "3"));
    }

    [Fact]
    public async Task Must_stop_setting_up_at_the_first_function_it_cannot_export()
    {
        var (toolstack, writes) = await StartAsync("0000:99:00.0", Nic);

        await AwaitAssertAsync(async () => Assert.Equal("5", await toolstack.TryReadAsync(Backend + "/state")));
        // The device's mailbox holds user messages until its probe has returned: the identity answers after it.
        var device = (await Sys.ActorSelection("/user/pciback/pci-5-1").Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10))).Subject;
        Assert.NotNull(device);
        await device.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));

        Assert.StartsWith("22 Error parsing pci device configuration (0000:99:00.0)", await toolstack.TryReadAsync("/local/domain/0/error/backend/pci/5/0/error"), StringComparison.Ordinal);
        Assert.Equal("5", await toolstack.TryReadAsync(Backend + "/state"));
        Assert.Equal(XsdError.ENOENT, (await toolstack.ReadAsync(Backend + "/vdev-1")).Error);
        Assert.Equal(XsdError.ENOENT, (await toolstack.ReadAsync(Backend + "/root_num")).Error);
        Assert.Equal("1", await toolstack.TryReadAsync(Backend + "/state-1"));
    }

    /// <summary>A backend listing <paramref name="devices"/> (frontend without a state yet), then pciback; the store's writes are recorded.</summary>
    private async Task<(XenStoreClient Toolstack, TestKit.TestProbe Writes)> StartAsync(params string[] devices)
    {
        var store = Sys.ActorOf(XenStoreActor.Props(new SharedXenStore()));
        var hypervisor = HypervisorActor.Start(Sys, "hypervisor");
        var toolstack = new XenStoreClient(store, 0, TestActor);
        var writes = CreateTestProbe();
        store.Tell(new XsSubscribeWrites(writes.Ref), TestActor);
        Assert.True(ExpectMsg<XsResult>().IsOk);
        var entries = new List<KeyValuePair<string, string>>
        {
            new(Backend + "/frontend", "/local/domain/5/device/pci/0"), new(Backend + "/frontend-id", "5"), new(Backend + "/online", "1"),
            new(Backend + "/num_devs", devices.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        for (var i = 0; i < devices.Length; i++)
        {
            entries.Add(new($"{Backend}/dev-{i}", devices[i]));
            entries.Add(new($"{Backend}/state-{i}", "1"));
            if (i > 0)
                entries.Add(new($"{Backend}/vdevfn-{i}", (i << 3).ToString("x", System.Globalization.CultureInfo.InvariantCulture)));
        }
        entries.Add(new(Backend + "/state", "1"));
        Assert.True((await toolstack.WriteTransactionAsync(entries)).IsOk);
        Sys.ActorOf(PcibackDriver.Props(store, hypervisor, new PciInventory([SyntheticDevices.SimpleNic(), SyntheticDevices.SimpleNic(device: 5)]), 0), "pciback");
        return (toolstack, writes);
    }

    /// <summary>pciback's writes under the backend as the store applied them, up to the backend state <paramref name="untilState"/>.</summary>
    private static List<string> Written(TestKit.TestProbe writes, string untilState)
    {
        var seen = new List<string>();
        while (true)
        {
            var w = writes.ExpectMsg<XsNodeWritten>();
            if (w.DomId != 0 || !w.Path.StartsWith(Backend + "/", StringComparison.Ordinal))
                continue;
            var key = w.Path[(Backend.Length + 1)..];
            if (key is "frontend" or "frontend-id" or "online" or "num_devs" || key.StartsWith("dev-", StringComparison.Ordinal) || key.StartsWith("vdevfn-", StringComparison.Ordinal))
                continue;
            if (key.StartsWith("state", StringComparison.Ordinal) && w.Value == "1")
                continue;
            seen.Add(key.StartsWith("state", StringComparison.Ordinal) ? $"{key}={w.Value}" : key);
            if (key == "state" && w.Value == untilState)
                return seen;
        }
    }
}
