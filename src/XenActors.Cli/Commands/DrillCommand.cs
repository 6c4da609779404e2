using System.CommandLine;
using Spectre.Console;
using XenActors.Hosting.Drill;
using XenActors.Xen.Drill;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors drill</c>: the migration drill of the seed's backup slides over two real in-process Xen hosts —
/// hot-remove the guests' pass-through devices through xend (traffic fails over to the bonded virtual NIC),
/// live-migrate, hot-add matching devices on the destination. Subcommands: migrate (one guest), cancel, soak.
/// </summary>
public static partial class DrillCommand
{
    public static Command Create()
    {
        var options = new DrillOptions();
        var command = new Command("drill", "Run a migration drill: hot-remove, live-migrate, hot-add, with a bonded NIC carrying traffic throughout (every guest host-a → host-b)");
        options.AddTo(command, withGuests: true);
        command.SetAction((parse, ct) => RunAsync(parse, options, guest: null, to: null, ct));
        command.Subcommands.Add(Migrate());
        command.Subcommands.Add(Cancel());
        command.Subcommands.Add(Soak());
        return command;
    }

    private static Command Migrate()
    {
        var options = new DrillOptions();
        var guest = new Option<string>("--guest") { Description = "The guest to migrate (guest1, guest2, ...)", Required = true };
        var to = new Option<string>("--to") { Description = "The destination host (host-b; guests boot on host-a)", Required = true };
        var command = new Command("migrate", "Drill one guest to a host, printing live progress (phase, round, dirty pages, bytes sent)");
        command.Options.Add(guest);
        command.Options.Add(to);
        options.AddTo(command, withGuests: false);
        command.SetAction((parse, ct) => RunAsync(parse, options, parse.GetValue(guest), parse.GetValue(to), ct));
        return command;
    }

    private static Command Cancel()
    {
        var dir = ClusterCommand.DirectoryOption();
        var command = new Command("cancel", "Cancel the drill running from the same --dir: it rolls back (guest on the source with its devices) unless it already switched over");
        command.Options.Add(dir);
        command.SetAction(async (parse, ct) =>
        {
            var control = new DrillControl(parse.GetValue(dir)!);
            if (control.RunningPid() is not { } pid)
            {
                Console.Error.WriteLine($"xenactors drill cancel: no drill is running from {control.Directory} (start one with: xenactors drill --dir {control.Directory})");
                return 1;
            }

            control.RequestCancel();
            var ended = await control.WaitForExitAsync(TimeSpan.FromSeconds(60), ct);
            Console.WriteLine(ended ? $"drill {pid} cancelled and rolled back" : $"drill {pid} was told to cancel but is still running");
            return ended ? 0 : 1;
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, DrillOptions options, string? guest, string? to, CancellationToken ct)
    {
        if (options.Validate(parse, "drill") is not { } drill)
            return 2;
        if (guest is not null && (!guest.StartsWith("guest", StringComparison.Ordinal) || !int.TryParse(guest.AsSpan(5), out var g) || g < 1 || g > drill.Options.Guests))
        {
            Console.Error.WriteLine($"xenactors drill migrate: --guest must be one of guest1..guest{drill.Options.Guests}, not '{guest}'");
            return 2;
        }

        if (to is not null && to != XenHostDrill.HostB)
        {
            Console.Error.WriteLine($"xenactors drill migrate: --to must be {XenHostDrill.HostB} (the guests boot on {XenHostDrill.HostA}), not '{to}'");
            return 2;
        }

        var control = new DrillControl(drill.Directory);
        if (control.RunningPid() is { } other)
        {
            Console.Error.WriteLine($"xenactors drill: drill {other} already runs from {control.Directory}; cancel it (xenactors drill cancel --dir {control.Directory}) or use another --dir");
            return 1;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var registration = control.Register(cancel);
        EmbeddedDrill.Result result;
        try
        {
            result = await EmbeddedDrill.RunAsync(drill.Options, drill.Fault, guest, to, line => Console.Error.WriteLine($"drill: {line}"), cancel.Token);
        }
        finally
        {
            registration.Dispose();
        }

        if (drill.Report is not null) await File.WriteAllTextAsync(drill.Report.FullName, result.Html, CancellationToken.None);
        if (drill.Json) Console.WriteLine(result.Json);
        else PrintSummary(result, drill.Report);
        return result.Reports.All(r => r.Outcome == "completed" && r.MemoryChecksumMatch && r.PacketsLost == 0) ? 0 : 1;
    }

    private static void PrintSummary(EmbeddedDrill.Result result, FileInfo? reportFile)
    {
        var table = new Table().AddColumns("guest", "from → to", "outcome", "rounds", "downtime", "packets sent/lost/dup", "memory", "devices before → after");
        foreach (var r in result.Reports)
        {
            table.AddRow(
                Markup.Escape(r.Guest),
                Markup.Escape($"{r.From} → {r.To}"),
                r.Outcome == "completed" ? "[green]completed[/]" : $"[red]{Markup.Escape(r.Outcome)}[/]: {Markup.Escape(r.Reason ?? "")}",
                r.Rounds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{r.DowntimeMs:0.0} ms",
                $"{r.PacketsSent}/{r.PacketsLost}/{r.PacketsDuplicated}",
                r.MemoryChecksumMatch ? "[green]checksum match[/]" : "[red]checksum MISMATCH[/]",
                Markup.Escape($"{string.Join(",", r.DevicesBefore)} → {string.Join(",", r.DevicesAfter)}"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]two in-process Xen hosts (xend, pciback, pcifront, XenStore), real clock; {result.Elapsed.TotalSeconds:0.0} s[/]");
        if (reportFile is not null) AnsiConsole.MarkupLine($"timeline: {Markup.Escape(reportFile.FullName)}");
    }
}
