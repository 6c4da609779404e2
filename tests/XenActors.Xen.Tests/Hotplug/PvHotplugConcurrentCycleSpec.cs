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
/// Many guests, each with an anchor function kept attached, hot-adding and hot-removing a second
/// function at once through the Reconfiguring handshake, as <c>xenactors bench hotplug</c> does.
/// Every cycle must complete; a failure shows that guest's state writes in commit order.
/// </summary>
public sealed class PvHotplugConcurrentCycleSpec : TestKit.TestKit
{
    private const int Guests = 20;
    private const int Cycles = 100;

    private readonly ConcurrentQueue<XsNodeWritten> _journal = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly InProcessXenHost _host;

    public PvHotplugConcurrentCycleSpec(ITestOutputHelper output)
        : base(output)
    {
        Sys.EventStream.Subscribe<XsNodeWritten>(w => _journal.Enqueue(w));
        Sys.EventStream.Subscribe<LogEvent>(e =>
        {
            if (e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
                _errors.Enqueue(e.ToString());
        });
        var nics = Enumerable.Range(0, 2 * Guests).Select(i => SyntheticDevices.SimpleNic(0, 1 + (i / 32), i % 32)).ToList();
        _host = new InProcessXenHost(Sys, new PciInventory(nics), timeout: TimeSpan.FromSeconds(10));
    }

    private static string Bdf(int i) => FormattableString.Invariant($"0000:{1 + (i / 32):x2}:{i % 32:x2}.0");

    private async Task<XmResult> Ok(object command, string what, int? domid = null)
    {
        var r = await _host.Xm(command, TimeSpan.FromSeconds(60));
        Assert.True(r.Success, $"{what}: {r.Message}\n{Trail(domid)}");
        return r;
    }

    /// <summary>The guest's last state writes (be/fe state, state-N), and what the drivers warned about.</summary>
    private string Trail(int? domid)
    {
        var be = domid is { } d ? XenbusPci.BackendPath(0, d) + "/" : "";
        var fe = domid is { } f ? XenbusPci.FrontendPath(f) + "/" : "";
        return string.Join("\n", _journal
                .Where(w => domid is null || w.Path.StartsWith(be, StringComparison.Ordinal) || w.Path.StartsWith(fe, StringComparison.Ordinal))
                .Where(w => w.Path.EndsWith("/state", StringComparison.Ordinal) || w.Path.Contains("/state-", StringComparison.Ordinal) || w.Path.EndsWith("/num_devs", StringComparison.Ordinal))
                .TakeLast(60).Select(w => $"  [{w.DomId}] {w.Path} = {w.Value}"))
            + "\n" + string.Join("\n", _errors);
    }

    private async Task CycleAsync(int domid, string bdf, int cycles = Cycles)
    {
        for (var i = 0; i < cycles; i++)
        {
            await Ok(new XmPciAttach(domid, bdf), $"dom {domid}: attach in cycle {i}", domid);
            await Ok(new XmPciDetach(domid, bdf), $"dom {domid}: detach in cycle {i}", domid);
        }
    }

    [Fact]
    public async Task Must_complete_every_cycle_of_20_anchored_guests_hot_plugging_100_times_at_once()
    {
        var guests = new List<(int Domid, string Cycled)>();
        for (var g = 0; g < Guests; g++)
        {
            await Ok(new XmPciAssignableAdd(Bdf(2 * g)), "pool");
            await Ok(new XmPciAssignableAdd(Bdf((2 * g) + 1)), "pool");
            var domid = (await Ok(new XmCreate($"g{g}"), "create")).Domid;
            await Ok(new XmPciAttach(domid, Bdf(2 * g)), "anchor", domid);
            guests.Add((domid, Bdf((2 * g) + 1)));
        }

        await Task.WhenAll(guests.Select(g => CycleAsync(g.Domid, g.Cycled)));

        Assert.Empty(_errors);
        foreach (var (domid, _) in guests)
        {
            var lines = (await Ok(new XmPciList(domid), "list", domid)).Lines;
            Assert.Equal(2, lines.Count);
        }
    }

    [Fact]
    public async Task Must_complete_every_one_of_3000_back_to_back_cycles_of_one_anchored_guest()
    {
        await Ok(new XmPciAssignableAdd(Bdf(0)), "pool");
        await Ok(new XmPciAssignableAdd(Bdf(1)), "pool");
        var domid = (await Ok(new XmCreate("single"), "create")).Domid;
        await Ok(new XmPciAttach(domid, Bdf(0)), "anchor", domid);

        await CycleAsync(domid, Bdf(1), 3000);

        Assert.Empty(_errors);
        Assert.Equal(2, (await Ok(new XmPciList(domid), "list", domid)).Lines.Count);
    }
}
