using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using XenActors.Benchmarks.Hotplug;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors bench hotplug</c>: PV attach/detach latency through the whole seed sequence, and
/// sustained cycles per second with many guests in one process (see <see cref="HotplugBench"/>), and attach/detach
/// latency on a split host whose domains are separate processes (--cross-process-cycles, 0 skips).
/// JSON on stdout (the default), progress on stderr.
/// </summary>
public static class BenchHotplugCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var guests = new Option<int>("--guests") { Description = "Guests cycling at once in the sustained phase (1-1000)", DefaultValueFactory = _ => 100 };
        var cycles = new Option<int>("--cycles") { Description = "Attach/detach cycles: for the single guest, and in total for the sustained phase", DefaultValueFactory = _ => 2_000 };
        var crossCycles = new Option<int>("--cross-process-cycles") { Description = "Attach/detach cycles on a split host started for the run (xen, dom0, driver, guest as processes); 0 skips it (0-100000)", DefaultValueFactory = _ => 200 };
        var crossWarmup = new Option<int>("--cross-process-warmup") { Description = "Unmeasured cycles on the split host before the measured ones, while each process's JIT settles (0-100000)", DefaultValueFactory = _ => XenActors.Hosting.Node.Bench.CrossProcessHotplugBench.DefaultWarmup };
        var crossings = new Option<bool>("--crossings") { Description = "Trace every envelope between the split host's processes and report what an attach costs in crossings (its critical path: crossings, time between and inside processes; one-way time per link); the tracing itself adds about a microsecond per message" };
        var json = new Option<bool>("--json") { Description = "Print JSON (default); --json false prints a short summary", DefaultValueFactory = _ => true };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines on stderr" };
        var command = new Command("hotplug", "PV attach/detach p50/p99 and sustained cycles per second with many guests");
        command.Options.Add(guests);
        command.Options.Add(cycles);
        command.Options.Add(crossCycles);
        command.Options.Add(crossWarmup);
        command.Options.Add(crossings);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.SetAction(async (parse, _) =>
        {
            var g = parse.GetValue(guests);
            var c = parse.GetValue(cycles);
            var x = parse.GetValue(crossCycles);
            var w = parse.GetValue(crossWarmup);
            if (g is < 1 or > 1_000 || c is < 1 or > 10_000_000 || x is < 0 or > 100_000 || w is < 0 or > 100_000)
            {
                await Console.Error.WriteLineAsync("xenactors bench hotplug: --guests must be 1-1000, --cycles 1-10000000, --cross-process-cycles and --cross-process-warmup 0-100000").ConfigureAwait(false);
                return 2;
            }
            if (parse.GetValue(crossings) && x == 0)
            {
                await Console.Error.WriteLineAsync("xenactors bench hotplug: --crossings measures the cross-process phase; give --cross-process-cycles 1 or more").ConfigureAwait(false);
                return 2;
            }
            Action<string>? progress = parse.GetValue(quiet) ? null : line => Console.Error.WriteLine($"bench hotplug: {line}...");
            HotplugReport report;
            try
            {
                report = await HotplugBench.RunAsync(g, c, progress).ConfigureAwait(false);
                if (x > 0)
                    report = report with { CrossProcess = await XenActors.Hosting.Node.Bench.CrossProcessHotplugBench.RunAsync(Hosting.Node.ProcessTools.EntryAssemblyPath(), x, progress, parse.GetValue(crossings), w).ConfigureAwait(false) };
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException)
            {
                // A step that hangs or fails is a finding, not a number: say which, exit non-zero.
                await Console.Error.WriteLineAsync($"xenactors bench hotplug: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            report = report with { Goals = HotplugGoals.Evaluate(report) };
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report, Json) : Summary(report));
            return 0;
        });
        return command;
    }

    private static string Summary(HotplugReport r) => string.Create(CultureInfo.InvariantCulture,
        $"""
        attach p50 {r.Single.AttachP50Us} us, p99 {r.Single.AttachP99Us} us; detach p50 {r.Single.DetachP50Us} us, p99 {r.Single.DetachP99Us} us ({r.Single.Cycles} cycles, one guest)
        {r.Sustained.CyclesPerSecond} cycles/s with {r.Sustained.Guests} guests ({r.Sustained.Cycles} cycles in {r.Sustained.Seconds} s)
        floor: Ask round trip p50 {r.AskFloorP50Us} us; a cycle is {r.CycleP50InAsks} of them
        {(r.CrossProcess is { } x ? $"across processes ({x.Processes}): attach p50 {x.AttachP50Us} us, p99 {x.AttachP99Us} us; detach p50 {x.DetachP50Us} us, p99 {x.DetachP99Us} us ({x.Cycles} cycles after {x.WarmupCycles} unmeasured); floor: bare TCP round trip {x.FloorRoundTripP50Us} us, remoting {x.RemotingRoundTripP50Us} us, attach = {x.AttachInFloorRoundTrips} bare round trips{(x.AttachCrossings is { } k ? $"; an attach sends {k.MessagesP50} messages; its critical path is {k.PathCrossingsP50} crossings taking {k.PathTransitUsP50} us and {k.PathInProcessUsP50} us inside the processes" : "")}" : "across processes: skipped")}
        goals: {string.Join("; ", r.Goals.Select(Describe))}
        """);

    private static string Describe(HotplugGoal g)
    {
        var measured = g.Measured is { } m ? m.ToString(CultureInfo.InvariantCulture) : "not measured";
        var verdict = g.Met switch
        {
            true => "met",
            false => "not met",
            null => "n/a",
        };
        return $"{g.Name} {g.Target}: {measured} ({verdict})";
    }
}
