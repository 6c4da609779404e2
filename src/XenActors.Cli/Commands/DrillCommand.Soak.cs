using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using XenActors.Hosting.Drill;
using XenActors.Xen.Drill;

namespace XenActors.Cli.Commands;

// xenactors drill soak: many drills back and forth with the invariants checked after each.
public static partial class DrillCommand
{
    private static Command Soak()
    {
        var count = new Option<int>("--count") { Description = "Drills to run, alternating host-a → host-b → host-a (1-10000)", DefaultValueFactory = _ => 10 };
        var faults = new Option<string>("--faults") { Description = "none, or random: each drill draws a seeded fault (half of them none)", DefaultValueFactory = _ => "none" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random faults", DefaultValueFactory = _ => 7 };
        var memory = new Option<int>("--memory-mib") { Description = "Memory of the guest in MiB (1-1024)", DefaultValueFactory = _ => 16 };
        var json = new Option<bool>("--json") { Description = "Print the drills, the fault mix and the totals as JSON" };
        var command = new Command("soak", "Run many drills of one guest back and forth between the hosts and check the invariants after each; exit 1 if any is violated");
        foreach (var o in new Option[] { count, faults, seed, memory, json }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(count);
            var mode = parse.GetValue(faults);
            var mib = parse.GetValue(memory);
            if (n is < 1 or > 10_000 || mode is not ("none" or "random") || mib is < 1 or > 1024)
            {
                Console.Error.WriteLine("xenactors drill soak: --count must be 1-10000, --faults none or random, --memory-mib 1-1024");
                return 2;
            }

            var asJson = parse.GetValue(json);
            var result = await DrillSoak.RunAsync(n, mode == "random", parse.GetValue(seed), new XenHostDrillOptions { GuestMemoryMiB = mib }, d =>
            {
                var line = FormattableString.Invariant($"drill {d.Number,4}: {d.From} -> {d.To} fault {d.Fault,-18} {d.Outcome,-9} {d.Seconds,6:0.00} s {(d.Violations.Count == 0 ? "invariants hold" : "VIOLATED: " + string.Join("; ", d.Violations))}");
                if (asJson) Console.Error.WriteLine(line);
                else Console.WriteLine(line);
            }, ct);
            var perDrill = result.Drills.Count == 0 ? 0 : result.Drills.Average(d => d.Seconds);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    drills = result.Drills.Select(d => new { number = d.Number, fault = d.Fault, from = d.From, to = d.To, outcome = d.Outcome, seconds = d.Seconds, violations = d.Violations }),
                    faultMix = result.FaultMix,
                    secondsPerDrill = perDrill,
                    totalSeconds = result.TotalSeconds,
                    invariantsHeld = result.InvariantsHeld,
                }));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Drills.Count} drills in {result.TotalSeconds:0.0} s ({perDrill:0.00} s per drill); fault mix: {string.Join(", ", result.FaultMix.Select(p => $"{p.Key} {p.Value}"))}"));
                Console.WriteLine(result.InvariantsHeld ? "all invariants held" : $"{result.Drills.Count(d => d.Violations.Count > 0)} drill(s) violated an invariant");
            }

            return result.InvariantsHeld ? 0 : 1;
        });
        return command;
    }
}
