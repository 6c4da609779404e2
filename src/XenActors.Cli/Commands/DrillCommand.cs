using System.CommandLine;
using Spectre.Console;
using XenActors.Hosting.Drill;
using XenActors.Xen.Drill;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors drill</c>: the migration drill of the seed's backup slides — hot-remove the pass-through NIC
/// (traffic fails over to the bonded virtual NIC), live-migrate, hot-add a matching NIC on the destination.
/// Embedded mode: both hosts in this process on virtual time, so a run is fast and repeatable.
/// </summary>
public static class DrillCommand
{
    public static Command Create()
    {
        var guests = new Option<int>("--guests") { Description = "Guests to migrate (1-8)", DefaultValueFactory = _ => 2 };
        var memory = new Option<int>("--memory-mib") { Description = "Memory per guest in MiB (1-1024)", DefaultValueFactory = _ => 64 };
        var json = new Option<bool>("--json") { Description = "Print the reports as a JSON array instead of a table" };
        var report = new Option<FileInfo?>("--report") { Description = "Write the HTML timeline (one lane per actor) to this file" };
        var command = new Command("drill", "Run a migration drill: hot-remove, live-migrate, hot-add, with a bonded NIC carrying traffic throughout");
        command.Options.Add(guests);
        command.Options.Add(memory);
        command.Options.Add(json);
        command.Options.Add(report);
        command.SetAction(parse =>
        {
            var count = parse.GetValue(guests);
            var mib = parse.GetValue(memory);
            if (count is < 1 or > 8 || mib is < 1 or > 1024)
            {
                Console.Error.WriteLine("xenactors drill: --guests must be 1-8 and --memory-mib 1-1024");
                return 2;
            }
            var asJson = parse.GetValue(json);
            var reportFile = parse.GetValue(report);
            if (reportFile?.Directory is { Exists: false } dir)
            {
                Console.Error.WriteLine($"xenactors drill: the folder of --report does not exist: {dir.FullName}");
                return 2;
            }
            var started = DateTime.UtcNow;
            var result = EmbeddedDrill.Run(
                new InProcessDrillOptions { Guests = count, GuestMemoryMiB = mib },
                asJson ? null : line => Console.Error.WriteLine($"drill: {line}"));
            if (reportFile is not null) File.WriteAllText(reportFile.FullName, result.Html);
            if (asJson) Console.WriteLine(result.Json);
            else PrintSummary(result.Reports, reportFile, DateTime.UtcNow - started);
            return result.Reports.All(r => r.Outcome == "completed" && r.MemoryChecksumMatch) ? 0 : 1;
        });
        return command;
    }

    private static void PrintSummary(IReadOnlyList<DrillReport> reports, FileInfo? reportFile, TimeSpan wall)
    {
        var table = new Table().AddColumns("guest", "from → to", "outcome", "rounds", "downtime", "packets sent/lost/dup", "memory", "devices before → after");
        foreach (var r in reports)
        {
            table.AddRow(
                Markup.Escape(r.Guest),
                Markup.Escape($"{r.From} → {r.To}"),
                r.Outcome == "completed" ? "[green]completed[/]" : $"[red]{Markup.Escape(r.Outcome)}[/]",
                r.Rounds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{r.DowntimeMs:0.0} ms",
                $"{r.PacketsSent}/{r.PacketsLost}/{r.PacketsDuplicated}",
                r.MemoryChecksumMatch ? "[green]checksum match[/]" : "[red]checksum MISMATCH[/]",
                Markup.Escape($"{string.Join(",", r.DevicesBefore)} → {string.Join(",", r.DevicesAfter)}"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]embedded mode, virtual time; {wall.TotalSeconds:0.0} s wall clock[/]");
        if (reportFile is not null) AnsiConsole.MarkupLine($"timeline: {Markup.Escape(reportFile.FullName)}");
    }
}
