using System.CommandLine;
using Spectre.Console;
using XenActors.Hosting.Node;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors cluster up [--nodes N] [--hosts H] [--guests G] [--inventory FILE] [--dir D]</c>. Without
/// <c>--guests</c>: N nodes, the first H of them (default 1) each running a whole emulated Xen host in one process
/// with xenstored on <c>D/node-K.xs.sock</c>. With <c>--guests</c>: H split hosts, each domain its own node
/// (<c>host-K-xen</c>, <c>-dom0</c>, <c>-driver</c>, <c>-guest-J</c>). Waits until all are Up and xm is served.
/// </summary>
public static class ClusterUpCommand
{
    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "How many node processes (1-64); not with --guests, where each host has 3 + G nodes", DefaultValueFactory = _ => 3 };
        var hosts = new Option<int>("--hosts") { Description = "Without --guests: how many of the nodes (the first ones) run a whole emulated Xen host, role 'host' (0-N, default 1). With --guests: how many split hosts (1-8)", DefaultValueFactory = _ => 1 };
        var guests = new Option<int?>("--guests") { Description = "Split hosts: per host a xen node (hypervisor, xenstored on D/host-K-xen.xs.sock), dom0 (xend, xm), a driver domain (pciback) and G guest nodes, one domain each (0-32)" };
        var inventory = new Option<string?>("--inventory") { Description = "PCI inventory JSON for every host (default: a USB controller set and a dual-port NIC)" };
        var dir = ClusterCommand.DirectoryOption();
        var config = new Option<string?>("--config") { Description = "Configuration file passed to every node" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for every node to be Up", DefaultValueFactory = _ => 90 };
        var command = new Command("up", "Start nodes on loopback ports (whole Xen hosts, or with --guests split hosts) and wait until all are Up");
        foreach (var option in new Option[] { nodes, hosts, guests, inventory, dir, config, timeout }) command.Options.Add(option);
        command.SetAction(async (parse, _) =>
        {
            var seconds = parse.GetValue(timeout);
            var hostCount = parse.GetValue(hosts);
            var guestCount = parse.GetValue(guests);
            var count = parse.GetValue(nodes);
            if (Usage(parse, nodes, seconds, hostCount, guestCount, ref count) is { } usage)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster up: {usage}").ConfigureAwait(false);
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
                state = guestCount is { } g
                    ? launcher.UpSplit(hostCount, g, ProcessTools.EntryAssemblyPath(), parse.GetValue(config), parse.GetValue(inventory))
                    : launcher.Up(count, ProcessTools.EntryAssemblyPath(), parse.GetValue(config), hostCount, parse.GetValue(inventory));
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster up: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
            var view = await LocalClusterLauncher.AwaitUpAsync(state, count, deadline - DateTime.UtcNow).ConfigureAwait(false);
            var notServing = view is null ? [] : await LocalClusterLauncher.AwaitXmReadyAsync(state, Max(deadline - DateTime.UtcNow, TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            var rows = await LocalClusterLauncher.StatusAsync(state).ConfigureAwait(false);
            ClusterStatusCommand.PrintTable(rows);
            if (view is null || view.Members.Count(m => m.Status == "Up") != count)
            {
                // A node that stopped at once (a configuration error) says why in its log: show that, not a time-out.
                var exited = state.Nodes.Where(n => !ProcessTools.IsAlive(n.Pid)).ToList();
                foreach (var node in exited)
                    await Console.Error.WriteLineAsync($"xenactors cluster up: {node.Name} exited: {LocalClusterLauncher.ExitReason(node)}").ConfigureAwait(false);
                var what = exited.Count > 0 ? $"{exited.Count} of {count} node(s) exited" : $"not every node is Up after {seconds} s";
                await Console.Error.WriteLineAsync($"xenactors cluster up: {what}; see the logs in {launcher.Directory}; 'xenactors cluster down' stops what runs").ConfigureAwait(false);
                return 1;
            }
            if (notServing.Count > 0)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster up: {string.Join(", ", notServing.Select(n => n.Name))} does not serve xm after {seconds} s; see {string.Join(", ", notServing.Select(n => n.LogFile))}; 'xenactors cluster down' stops what runs").ConfigureAwait(false);
                return 1;
            }
            AnsiConsole.MarkupLine($"[green]{count} node(s) Up[/]; state in {Markup.Escape(launcher.Directory)}");
            return 0;
        });
        return command;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>What is wrong with the combination of options (exit 2), or null; sets the node count of a split cluster.</summary>
    private static string? Usage(ParseResult parse, Option<int> nodes, int seconds, int hosts, int? guests, ref int count)
    {
        if (seconds is < 1 or > 3600) return "--timeout must be 1-3600";
        if (guests is { } g)
        {
            if (parse.GetResult(nodes) is { Implicit: false }) return $"--nodes cannot be combined with --guests: a split host has 3 + G nodes (xen, dom0, driver, G guests), so --hosts {hosts} --guests {g} starts {hosts * (3 + g)}";
            if (hosts is < 1 or > 8) return "--hosts must be 1-8 with --guests (split hosts)";
            if (g is < 0 or > 32) return "--guests must be 0-32";
            count = hosts * (3 + g);
            return count > 64 ? $"--hosts {hosts} --guests {g} needs {count} nodes; at most 64" : null;
        }
        if (count is < 1 or > 64) return "--nodes must be 1-64";
        return hosts < 0 || hosts > count ? $"--hosts must be 0-{count} (at most --nodes)" : null;
    }
}
