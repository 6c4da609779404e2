using System.CommandLine;
using System.Text.Json;
using XenActors.Benchmarks.XenStore;

namespace XenActors.Cli.Commands;

/// <summary>
/// `xenactors bench xenstore`: reads, writes and transaction commits per second over a real unix
/// socket (in-process server) with 1 and 16 clients, with p50/p99 latency, against the core and an
/// echo server measured in the same run (see <see cref="XenStoreBench"/>). Prints JSON.
/// </summary>
public static class BenchXenStoreCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per case", DefaultValueFactory = _ => 1.0 };
        var command = new Command("xenstore", "Benchmark the XenStore service over its unix socket and on the core");
        command.Options.Add(seconds);
        command.SetAction(async (parse, ct) =>
        {
            var perCase = parse.GetValue(seconds);
            if (!(perCase > 0 && perCase <= 3600))
            {
                await Console.Error.WriteLineAsync("xenactors: --seconds must be above 0 and at most 3600").ConfigureAwait(false);
                return 2;
            }
            var result = await XenStoreBench.RunAsync(TimeSpan.FromSeconds(perCase), ct).ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return command;
    }
}
