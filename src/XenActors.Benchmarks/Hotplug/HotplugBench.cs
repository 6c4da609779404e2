using System.Diagnostics;
using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Event;
using XenActors.Hosting.Node.Bench;
using XenActors.Xen.Host;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Xend;

namespace XenActors.Benchmarks.Hotplug;

/// <summary>
/// PV hot-plug through the whole seed sequence (xm → xend → xenstore → pciback/pcifront and back), in
/// one process: attach and detach latency of a single function for one guest, then sustained
/// attach/detach cycles per second with many guests each cycling its own function at once. The floor
/// is an Ask round trip to a do-nothing actor in the same system, so a cycle reads as "so many hops".
/// </summary>
public static class HotplugBench
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // Shorter than Wait, so a stuck step comes back as xend's error naming it, not as an Ask time-out.
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    public static async Task<HotplugReport> RunAsync(int guests, int cycles, Action<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(guests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 1);
        var total = Stopwatch.StartNew();
        using var system = ActorSystem.Create("bench-hotplug");
        // A failing step shows up as an error message; the actors' own warnings say why.
        system.EventStream.Subscribe<LogEvent>(e =>
        {
            if (e.Level >= LogLevel.Warning)
                progress?.Invoke(e.ToString());
        });

        progress?.Invoke("ask floor");
        var askUs = await AskFloorAsync(system, 20_000).ConfigureAwait(false);

        progress?.Invoke($"single guest, {cycles} attach/detach cycles");
        var single = await HostWithGuestsAsync(system, 1, "single-").ConfigureAwait(false);
        await CycleAsync(single.Host, single.Guests[0], Math.Min(cycles, 50), null).ConfigureAwait(false);
        var samples = new CycleSamples(cycles);
        await CycleAsync(single.Host, single.Guests[0], cycles, samples).ConfigureAwait(false);

        progress?.Invoke($"booting {guests} guests");
        var many = await HostWithGuestsAsync(system, guests, "many-").ConfigureAwait(false);
        progress?.Invoke($"{guests} guests cycling, {Math.Max(1, cycles / guests)} cycles each");
        var perGuest = Math.Max(1, cycles / guests);
        await Task.WhenAll(many.Guests.Select(g => CycleAsync(many.Host, g, Math.Min(perGuest, 5), null))).ConfigureAwait(false);
        var began = Stopwatch.GetTimestamp();
        await Task.WhenAll(many.Guests.Select(g => CycleAsync(many.Host, g, perGuest, null))).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        var done = (long)perGuest * guests;

        await system.Terminate().ConfigureAwait(false);
        var cycleP50 = samples.Cycle(0.50);
        return new HotplugReport
        {
            Single = new HotplugLatency
            {
                Cycles = cycles,
                AttachP50Us = samples.Attach(0.50),
                AttachP99Us = samples.Attach(0.99),
                DetachP50Us = samples.Detach(0.50),
                DetachP99Us = samples.Detach(0.99),
                CycleP50Us = cycleP50,
                CycleP99Us = samples.Cycle(0.99),
            },
            Sustained = new HotplugThroughput
            {
                Guests = guests,
                Cycles = done,
                Seconds = Math.Round(seconds, 3),
                CyclesPerSecond = Math.Round(done / seconds),
            },
            AskFloorP50Us = askUs,
            CycleP50InAsks = askUs > 0 ? Math.Round(cycleP50 / askUs, 1) : 0,
            TotalSeconds = Math.Round(total.Elapsed.TotalSeconds, 2),
        };
    }

    /// <summary>
    /// A host with two simple NICs per guest in the assignable pool and the guests created, each with
    /// its first NIC attached (the initial connect). The cycles hot-add and hot-remove the second one
    /// through the seed's Reconfiguring sequence (each hot-add rescans the guest's bus over pci-op), so
    /// the backend is never torn down: that is the hot-plug path, not the first connect.
    /// </summary>
    private static async Task<(InProcessXenHost Host, BenchGuest[] Guests)> HostWithGuestsAsync(ActorSystem system, int guests, string prefix)
    {
        // Device numbers 0-31 on buses 1, 2, ...: single-function NICs, two per guest.
        var nics = Enumerable.Range(0, 2 * guests).Select(i => SyntheticDevices.SimpleNic(0, 1 + (i / 32), i % 32)).ToList();
        var host = new InProcessXenHost(system, new PciInventory(nics), timeout: StepTimeout, prefix: prefix);
        var result = new BenchGuest[guests];
        for (var i = 0; i < guests; i++)
        {
            var anchor = nics[2 * i].Functions[0].Address.ToString();
            var cycled = nics[(2 * i) + 1].Functions[0].Address.ToString();
            await Ok(host, new XmPciAssignableAdd(anchor)).ConfigureAwait(false);
            await Ok(host, new XmPciAssignableAdd(cycled)).ConfigureAwait(false);
            var domid = (await Ok(host, new XmCreate($"bench-{i}")).ConfigureAwait(false)).Domid;
            await Ok(host, new XmPciAttach(domid, anchor)).ConfigureAwait(false);
            result[i] = new BenchGuest(domid, cycled);
        }
        return (host, result);
    }

    private static async Task CycleAsync(InProcessXenHost host, BenchGuest guest, int cycles, CycleSamples? samples)
    {
        var attach = new XmPciAttach(guest.Domid, guest.Bdf);
        var detach = new XmPciDetach(guest.Domid, guest.Bdf);
        for (var i = 0; i < cycles; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await Ok(host, attach).ConfigureAwait(false);
            var t1 = Stopwatch.GetTimestamp();
            await Ok(host, detach).ConfigureAwait(false);
            samples?.Add(t1 - t0, Stopwatch.GetTimestamp() - t1);
        }
    }

    private static async Task<XmResult> Ok(InProcessXenHost host, object command)
    {
        var r = await host.Xm(command, Wait).ConfigureAwait(false);
        return r.Success ? r : throw new InvalidOperationException($"{command} failed: {r.Message}");
    }

    private static async Task<double> AskFloorAsync(ActorSystem system, int samples)
    {
        var echo = system.ActorOf(Props.Create(() => new EchoActor()));
        for (var i = 0; i < 2_000; i++)
            await echo.Ask<EchoActor.Ping>(EchoActor.Ping.Instance, Wait).ConfigureAwait(false);
        var ticks = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await echo.Ask<EchoActor.Ping>(EchoActor.Ping.Instance, Wait).ConfigureAwait(false);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
        system.Stop(echo);
        return Percentiles.MicrosecondsOf(ticks, 0.50);
    }
}
