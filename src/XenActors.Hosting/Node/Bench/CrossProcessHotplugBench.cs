using System.Diagnostics;
using XenActors.Actor;
using XenActors.Hosting.SplitHost;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// The cross-process half of <c>xenactors bench hotplug</c>: starts a split host (xen, dom0, driver, one guest; real
/// processes in a temporary directory), then times xm pci-attach and pci-detach of one function, one after the other,
/// from a client process; the cluster is stopped whatever happens. Two floors measured in the same run put the
/// figures in proportion on a noisy machine: a bare TCP round trip to another process, and a remoting round trip to
/// the xen node.
/// </summary>
public static class CrossProcessHotplugBench
{
    private const string Function = "0000:03:00.0";
    private const int FloorRoundTrips = 2000;

    /// <summary>
    /// Unmeasured cycles first. Each node process JITs its hot paths again as .NET's tiered compilation promotes them,
    /// for a few seconds of cycles: after 10 cycles the four nodes' compiler threads still took a third of the two
    /// cores, and attach p50 read 12.3-12.8 ms where it reads 9.7-10.1 ms after 100 or more (150 or 400 gain nothing
    /// more). The figure is the steady state, as BenchmarkDotNet's warm-up gives.
    /// </summary>
    public const int DefaultWarmup = 100;

    /// <summary>
    /// Runs the cycles; with <paramref name="crossings"/> every node also traces its envelopes and the report says what an
    /// attach costs in crossings between processes (<see cref="CrossingAnalysis"/>).
    /// </summary>
    public static async Task<CrossProcessHotplugReport> RunAsync(string dllPath, int cycles, Action<string>? progress, bool crossings = false, int warmup = DefaultWarmup)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycles);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        var dir = Path.Combine(Path.GetTempPath(), "xa-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var traces = Path.Combine(dir, "traces");
        var launcher = new LocalClusterLauncher(dir, TextWriter.Null)
        {
            NodeEnvironment = crossings ? new Dictionary<string, string> { ["xenactors__remote__messageTraceDirectory"] = traces } : new Dictionary<string, string>(),
        };
        CrossProcessHotplugReport report;
        progress?.Invoke("starting a split host (xen, dom0, driver, 1 guest)");
        var state = launcher.UpSplit(1, 1, dllPath, configFile: null);
        try
        {
            var up = await LocalClusterLauncher.AwaitUpAsync(state, state.Nodes.Count, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
            if (up is null || up.Members.Count(m => m.Status == "Up") != state.Nodes.Count) throw new InvalidOperationException($"the split host did not come Up; see the logs in {dir}");
            if ((await LocalClusterLauncher.AwaitXmReadyAsync(state, TimeSpan.FromSeconds(60)).ConfigureAwait(false)).Count > 0) throw new InvalidOperationException($"dom0 does not serve xm; see {dir}");
            using var probe = await SplitHostProbe.ConnectAsync(state, "host-1", TimeSpan.FromSeconds(30), journal: false).ConfigureAwait(false);
            await Ok(probe, new XmPciAssignableAdd(Function)).ConfigureAwait(false);
            var dom = (await Ok(probe, new XmCreate("bench")).ConfigureAwait(false)).Domid;
            progress?.Invoke($"{warmup} unmeasured attach/detach cycles across processes, to reach the steady state");
            for (var i = 0; i < warmup; i++) await CycleAsync(probe, dom).ConfigureAwait(false);
            progress?.Invoke("floors: a bare TCP round trip to another process, and a remoting round trip to the xen node");
            var floor = await BareRoundTripP50Async(dllPath).ConfigureAwait(false);
            var remote = await RemotingRoundTripP50Async(probe).ConfigureAwait(false);
            progress?.Invoke($"{cycles} measured attach/detach cycles across processes");
            var attach = new double[cycles];
            var detach = new double[cycles];
            var windows = new List<(long Start, long End)>(cycles);
            var cpuBefore = NodeCpu(state);
            for (var i = 0; i < cycles; i++)
            {
                var start = Stopwatch.GetTimestamp();
                (attach[i], detach[i]) = await CycleAsync(probe, dom).ConfigureAwait(false);
                windows.Add((start, start + (long)(attach[i] * Stopwatch.Frequency / 1_000_000)));
            }
            var cpu = NodeCpu(state) - cpuBefore;
            report = new CrossProcessHotplugReport
            {
                Cycles = cycles,
                WarmupCycles = warmup,
                Processes = state.Nodes.Count,
                AttachP50Us = Quantile(attach, 0.50),
                AttachP99Us = Quantile(attach, 0.99),
                DetachP50Us = Quantile(detach, 0.50),
                DetachP99Us = Quantile(detach, 0.99),
                FloorRoundTripP50Us = floor,
                RemotingRoundTripP50Us = remote,
                NodeCpuPerCycleUs = Math.Round(cpu.TotalMicroseconds / cycles, 1),
                AttachInFloorRoundTrips = Math.Round(Quantile(attach, 0.50) / floor, 1),
            };
            // The nodes flush their traces as they leave.
            await launcher.DownAsync(state, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            if (crossings)
            {
                progress?.Invoke("reading the nodes' message traces");
                var names = state.Nodes.ToDictionary(n => $"{n.Host}:{n.Port}", n => n.Name.Replace("host-1-", "", StringComparison.Ordinal), StringComparer.Ordinal);
                report = report with { AttachCrossings = CrossingAnalysis.Analyze(CrossingAnalysis.Load(traces, names), windows) };
            }
            return report;
        }
        finally
        {
            await launcher.DownAsync(state, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// The bare-socket floor (<see cref="BareSocketFloor"/>) between this process and another one, on this machine with
    /// the split host idle beside it: every hop of an attach crosses processes the same way.
    /// </summary>
    private static async Task<double> BareRoundTripP50Async(string dllPath)
    {
        using var responder = await BenchResponder.StartAsync(dllPath, Guid.NewGuid().ToString("N")).ConfigureAwait(false);
        await BareSocketFloor.RunAsync(responder.RawPort, 1, FloorRoundTrips, 128).ConfigureAwait(false); // warm-up
        var (_, latencies) = await BareSocketFloor.RunAsync(responder.RawPort, 1, FloorRoundTrips, 128).ConfigureAwait(false);
        return Quantile([.. latencies.Select(t => Stopwatch.GetElapsedTime(0, t).TotalMicroseconds)], 0.50);
    }

    /// <summary>An Identify answered by the xen node's hypervisor actor: one remoting round trip between two processes.</summary>
    /// <summary>User and system CPU time the node processes have used so far.</summary>
    private static TimeSpan NodeCpu(LocalClusterState state)
    {
        var total = TimeSpan.Zero;
        foreach (var node in state.Nodes)
        {
            using var process = Process.GetProcessById(node.Pid);
            total += process.TotalProcessorTime;
        }
        return total;
    }

    private static async Task<double> RemotingRoundTripP50Async(SplitHostProbe probe)
    {
        var samples = new double[FloorRoundTrips];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await probe.Hypervisor.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        return Quantile(samples, 0.50);
    }

    private static async Task<(double Attach, double Detach)> CycleAsync(SplitHostProbe probe, int dom)
    {
        var sw = Stopwatch.StartNew();
        await Ok(probe, new XmPciAttach(dom, Function)).ConfigureAwait(false);
        var attach = sw.Elapsed.TotalMicroseconds;
        sw.Restart();
        await Ok(probe, new XmPciDetach(dom, Function)).ConfigureAwait(false);
        return (attach, sw.Elapsed.TotalMicroseconds);
    }

    private static async Task<XmResult> Ok(SplitHostProbe probe, object command)
    {
        var r = await probe.XmAsync(command).ConfigureAwait(false);
        return r.Success ? r : throw new InvalidOperationException($"{command}: {r.Message}");
    }

    private static double Quantile(double[] samples, double q) => Math.Round(Percentiles.Of(samples, q), 1);
}
