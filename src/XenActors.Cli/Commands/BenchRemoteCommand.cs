using System.CommandLine;
using System.Text.Json;
using XenActors.Hosting.Node;
using XenActors.Hosting.Node.Bench;

namespace XenActors.Cli.Commands;

/// <summary><c>xenactors bench remote</c>: actor ping-pong across two processes vs the bare-socket floor; JSON on stdout.</summary>
public static class BenchRemoteCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var roundTrips = new Option<int>("--round-trips") { Description = "Round trips per measurement (split over the pairs)", DefaultValueFactory = _ => 100_000 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines on stderr" };
        var responder = new Option<bool>("--responder") { Description = "Internal: run the echo side (started by the bench itself)", Hidden = true };
        var command = new Command("remote", "Remote ping-pong messages/s (1 and 8 pairs) vs a bare socket with the same framing, latency, bytes per message");
        command.Options.Add(roundTrips);
        command.Options.Add(quiet);
        command.Options.Add(responder);
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(responder)) return await RemoteBench.RespondAsync(Console.In, Console.Out).ConfigureAwait(false);
            if (parse.GetValue(roundTrips) is < 1_000 or > 100_000_000)
            {
                await Console.Error.WriteLineAsync("xenactors bench remote: --round-trips must be 1000-100000000").ConfigureAwait(false);
                return 2;
            }
            Action<string>? progress = parse.GetValue(quiet) ? null : line => Console.Error.WriteLine($"bench remote: {line}...");
            var report = await RemoteBench.RunAsync(ProcessTools.EntryAssemblyPath(), parse.GetValue(roundTrips), progress).ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(report, Json));
            return 0;
        });
        return command;
    }
}
