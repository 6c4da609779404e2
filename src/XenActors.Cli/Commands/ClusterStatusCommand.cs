using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using XenActors.Hosting.Node;

namespace XenActors.Cli.Commands;

/// <summary><c>xenactors cluster status [--json]</c>: the members of the local cluster in D, as a table or JSON.</summary>
public static class ClusterStatusCommand
{
    public static Command Create()
    {
        var dir = ClusterCommand.DirectoryOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON array of members" };
        var command = new Command("status", "Show the members of the local cluster");
        command.Options.Add(dir);
        command.Options.Add(json);
        command.SetAction(async (parse, _) =>
        {
            LocalClusterState? state;
            try
            {
                state = LocalClusterState.Read(parse.GetValue(dir)!);
            }
            catch (InvalidDataException ex)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster status: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            if (state is null)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster status: no cluster in {Path.GetFullPath(parse.GetValue(dir)!)} (run 'xenactors cluster up')").ConfigureAwait(false);
                return 1;
            }
            var rows = await LocalClusterLauncher.StatusAsync(state).ConfigureAwait(false);
            if (parse.GetValue(json)) Console.WriteLine(ToJson(rows));
            else PrintTable(rows);
            return 0;
        });
        return command;
    }

    /// <summary>An array of members: name, address, roles, state, reachable, pid, xenstoreSocket, host (the split Xen host, or null).</summary>
    public static string ToJson(IEnumerable<MemberStatusRow> rows)
    {
        var array = new JsonArray();
        foreach (var r in rows)
        {
            array.Add(new JsonObject
            {
                ["name"] = r.Name,
                ["address"] = r.Address,
                ["roles"] = new JsonArray([.. r.Roles.Select(x => (JsonNode?)JsonValue.Create(x))]),
                ["state"] = r.State,
                ["reachable"] = r.Reachable,
                ["pid"] = r.Pid,
                ["xenstoreSocket"] = r.XenstoreSocket,
                ["host"] = r.XenHost,
            });
        }
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static void PrintTable(IEnumerable<MemberStatusRow> rows)
    {
        var table = new Table().AddColumns("name", "address", "roles", "host", "state", "reachable", "pid");
        foreach (var r in rows)
        {
            var state = r.State == "Up" ? $"[green]{r.State}[/]" : $"[yellow]{Markup.Escape(r.State)}[/]";
            table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Address), Markup.Escape(string.Join(",", r.Roles)), Markup.Escape(r.XenHost ?? "-"), state, r.Reachable ? "yes" : "[red]no[/]", r.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        }
        AnsiConsole.Write(table);
    }
}
