using System.CommandLine;
using Spectre.Console;
using XenActors.Hosting.Node;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors cluster up --nodes N [--hosts H] [--inventory FILE] [--dir D]</c>: start N nodes, the first H of them
/// (default 1) running an emulated Xen host with xenstored on <c>D/node-K.xs.sock</c>; wait until all are Up, print the table.
/// </summary>
public static class ClusterUpCommand
{
    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "How many node processes (1-64)", DefaultValueFactory = _ => 3 };
        var hosts = new Option<int>("--hosts") { Description = "How many of the nodes (the first ones) run an emulated Xen host, role 'host' (0-N)", DefaultValueFactory = _ => 1 };
        var inventory = new Option<string?>("--inventory") { Description = "PCI inventory JSON for every host (default: a USB controller set and a dual-port NIC)" };
        var dir = ClusterCommand.DirectoryOption();
        var config = new Option<string?>("--config") { Description = "Configuration file passed to every node" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for every node to be Up", DefaultValueFactory = _ => 90 };
        var command = new Command("up", "Start N nodes on loopback ports and wait until all are Up");
        command.Options.Add(nodes);
        command.Options.Add(hosts);
        command.Options.Add(inventory);
        command.Options.Add(dir);
        command.Options.Add(config);
        command.Options.Add(timeout);
        command.SetAction(async (parse, _) =>
        {
            var count = parse.GetValue(nodes);
            if (count is < 1 or > 64 || parse.GetValue(timeout) is < 1 or > 3600)
            {
                await Console.Error.WriteLineAsync("xenactors cluster up: --nodes must be 1-64 and --timeout 1-3600").ConfigureAwait(false);
                return 2;
            }
            var hostCount = parse.GetValue(hosts);
            if (hostCount < 0 || hostCount > count)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster up: --hosts must be 0-{count} (at most --nodes)").ConfigureAwait(false);
                return 2;
            }
            if (parse.GetValue(inventory) is { } inv && !File.Exists(inv))
            {
                await Console.Error.WriteLineAsync($"xenactors cluster up: --inventory: file '{inv}' does not exist").ConfigureAwait(false);
                return 2;
            }
            if (parse.GetValue(config) is { } file && !File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"xenactors cluster up: --config: file '{file}' does not exist").ConfigureAwait(false);
                return 2;
            }
            var launcher = new LocalClusterLauncher(parse.GetValue(dir)!, Console.Error);
            LocalClusterState state;
            try
            {
                state = launcher.Up(count, ProcessTools.EntryAssemblyPath(), parse.GetValue(config), hostCount, parse.GetValue(inventory));
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster up: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            var view = await LocalClusterLauncher.AwaitUpAsync(state, count, TimeSpan.FromSeconds(parse.GetValue(timeout))).ConfigureAwait(false);
            var rows = await LocalClusterLauncher.StatusAsync(state).ConfigureAwait(false);
            ClusterStatusCommand.PrintTable(rows);
            if (view is null || view.Members.Count(m => m.Status == "Up") != count)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster up: not every node is Up after {parse.GetValue(timeout)} s; see the logs in {launcher.Directory}; 'xenactors cluster down' stops what runs").ConfigureAwait(false);
                return 1;
            }
            AnsiConsole.MarkupLine($"[green]{count} node(s) Up[/]; state in {Markup.Escape(launcher.Directory)}");
            return 0;
        });
        return command;
    }
}
