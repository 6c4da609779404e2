using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.Event;
using XenActors.Xen.Host;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;
using Xunit.Abstractions;

namespace XenActors.Xen.Tests.Hotplug;

/// <summary>
/// Sustained PV hot-plug, as <c>xenactors bench hotplug</c> drives it: the same function attached and
/// detached over and over, with another function kept attached (the Reconfiguring handshake every
/// time) and as the guest's only function (the pcidev torn down and re-created every time). Every
/// cycle must complete; a failure names the step and shows the last state changes of that guest.
/// </summary>
public sealed class PvHotplugCycleSpec : TestKit.TestKit
{
    private readonly ConcurrentQueue<XsNodeWritten> _journal = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly InProcessXenHost _host;

    public PvHotplugCycleSpec(ITestOutputHelper output)
        : base(output)
    {
        Sys.EventStream.Subscribe<XsNodeWritten>(w => _journal.Enqueue(w));
        Sys.EventStream.Subscribe<LogEvent>(e =>
        {
            if (e.Level >= Microsoft.Extensions.Logging.LogLevel.Error)
                _errors.Enqueue(e.ToString());
        });
        var nics = Enumerable.Range(0, 8).Select(i => SyntheticDevices.SimpleNic(0, 1, i)).ToList();
        _host = new InProcessXenHost(Sys, new PciInventory(nics), timeout: TimeSpan.FromSeconds(5));
    }

    private static string Bdf(int device) => FormattableString.Invariant($"0000:01:{device:x2}.0");

    private async Task<int> Guest(string name, params int[] devices)
    {
        foreach (var d in devices)
            await Ok(new XmPciAssignableAdd(Bdf(d)), "pool");
        return (await Ok(new XmCreate(name), "create")).Domid;
    }

    private async Task<XmResult> Ok(object command, string what)
    {
        var r = await _host.Xm(command);
        Assert.True(r.Success, $"{what}: {r.Message}\n{Trail()}");
        return r;
    }

    /// <summary>The last state writes (be/fe state and state-N), and any error the drivers logged.</summary>
    private string Trail() =>
        string.Join("\n", _journal.Where(w => w.Path.EndsWith("/state", StringComparison.Ordinal) || w.Path.Contains("/state-", StringComparison.Ordinal))
            .TakeLast(40).Select(w => $"  {w.Path} = {w.Value}"))
        + "\n" + string.Join("\n", _errors);

    private async Task Cycle(int domid, string bdf, int cycles, string what)
    {
        for (var i = 0; i < cycles; i++)
        {
            await Ok(new XmPciAttach(domid, bdf), $"{what}: attach in cycle {i}");
            await Ok(new XmPciDetach(domid, bdf), $"{what}: detach in cycle {i}");
        }
    }

    [Fact]
    public async Task Must_complete_every_one_of_300_hot_add_and_hot_remove_cycles_next_to_an_anchor_device()
    {
        var dom = await Guest("anchored", 0, 1);
        await Ok(new XmPciAttach(dom, Bdf(0)), "anchor");
        await Cycle(dom, Bdf(1), 300, "anchored");
        Assert.Empty(_errors);
        Assert.Equal(["Vdev Device", "00.0 " + Bdf(0)], (await Ok(new XmPciList(dom), "list")).Lines);
    }

    [Fact]
    public async Task Must_complete_every_one_of_50_cycles_of_a_guests_only_device_with_the_pcidev_recreated_each_time()
    {
        var dom = await Guest("only", 2);
        await Cycle(dom, Bdf(2), 50, "only");
        Assert.Empty(_errors);
        Assert.Empty((await _host.XenStore.Ask<XsListing>(new XsList(XenbusPci.BackendPath(0, dom)))).Entries);
    }

    [Fact]
    public async Task Must_complete_cycles_of_many_guests_at_once_some_anchored_some_not()
    {
        var anchored = await Guest("a", 3, 4);
        await Ok(new XmPciAttach(anchored, Bdf(3)), "anchor");
        var only = await Guest("b", 5);
        var other = await Guest("c", 6, 7);
        await Ok(new XmPciAttach(other, Bdf(6)), "anchor");
        await Task.WhenAll(
            Cycle(anchored, Bdf(4), 100, "a"),
            Cycle(only, Bdf(5), 30, "b"),
            Cycle(other, Bdf(7), 100, "c"));
        Assert.Empty(_errors);
    }
}
