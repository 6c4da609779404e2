using System.CommandLine;
using System.Text.Json;
using XenActors.Benchmarks.Actors;

namespace XenActors.Cli.Commands;

/// <summary><c>xenactors bench actors</c>: the runtime against a bare-channel floor from the same run; JSON on stdout, progress on stderr.</summary>
public static class BenchActorsCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var roundTrips = new Option<int>("--round-trips") { Description = "Ping-pong round trips per measurement", DefaultValueFactory = _ => 200_000 };
        var spawn = new Option<int>("--spawn") { Description = "Actors to spawn and stop", DefaultValueFactory = _ => 100_000 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines on stderr" };
        var command = new Command("actors", "Actor ping-pong vs bare channels, Ask latency, spawn/stop cost, bytes per message");
        command.Options.Add(roundTrips);
        command.Options.Add(spawn);
        command.Options.Add(quiet);
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(roundTrips) is < 1_000 or > 100_000_000 || parse.GetValue(spawn) is < 1 or > 10_000_000)
            {
                await Console.Error.WriteLineAsync("xenactors bench actors: --round-trips must be 1000-100000000 and --spawn 1-10000000").ConfigureAwait(false);
                return 2;
            }
            Action<string>? progress = parse.GetValue(quiet) ? null : line => Console.Error.WriteLine($"bench actors: {line}...");
            var report = await ActorBench.RunAsync(parse.GetValue(roundTrips), parse.GetValue(spawn), progress).ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(report, Json));
            return 0;
        });
        return command;
    }
}
