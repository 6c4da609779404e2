using System.CommandLine;
using XenActors.Hosting.Node;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors node --config FILE --name NAME --roles a,b --port P --seeds host:port,...</c>: one cluster node on
/// the generic host. The options are one more configuration source (over the file and the environment).
/// </summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "JSON configuration file (see config/README.md)" };
        var name = new Option<string?>("--name") { Description = "Node name (xenactors:node:name)" };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated roles (xenactors:cluster:roles)" };
        var port = new Option<int?>("--port") { Description = "TCP port, 0 for any (xenactors:remote:port)" };
        var hostname = new Option<string?>("--hostname") { Description = "Interface and advertised host (xenactors:remote:hostname)" };
        var seeds = new Option<string?>("--seeds") { Description = "Comma-separated seed host:port list (xenactors:cluster:seedNodes)" };
        var xenstoreSocket = new Option<string?>("--xenstore-socket") { Description = "Unix socket of the Xen host's xenstored, for nodes with the role 'host' (xenactors:xen:xenstoreSocket)" };
        var inventory = new Option<string?>("--inventory") { Description = "PCI inventory JSON of the Xen host (xenactors:xen:inventory)" };
        var xenHost = new Option<string?>("--xen-host") { Description = "Split host: the Xen host whose parts the roles xen, dom0, driver, guest run (xenactors:xen:host)" };
        var command = new Command("node", "Run one cluster node until SIGTERM (it then leaves the cluster gracefully)");
        foreach (var option in new Option[] { config, name, roles, port, hostname, seeds, xenstoreSocket, inventory, xenHost }) command.Options.Add(option);
        command.SetAction(async (parse, _) =>
        {
            var overrides = new List<string>();
            if (parse.GetValue(name) is { } n) overrides.Add($"--xenactors:node:name={n}");
            if (parse.GetValue(port) is { } p) overrides.Add($"--xenactors:remote:port={p}");
            if (parse.GetValue(hostname) is { } h) overrides.Add($"--xenactors:remote:hostname={h}");
            if (parse.GetValue(xenstoreSocket) is { } xs) overrides.Add($"--xenactors:xen:xenstoreSocket={Path.GetFullPath(xs)}");
            if (parse.GetValue(inventory) is { } inv) overrides.Add($"--xenactors:xen:inventory={Path.GetFullPath(inv)}");
            if (parse.GetValue(xenHost) is { } xh) overrides.Add($"--xenactors:xen:host={xh}");
            AddList(overrides, "xenactors:cluster:roles", parse.GetValue(roles));
            AddList(overrides, "xenactors:cluster:seedNodes", parse.GetValue(seeds));
            return await NodeHost.RunAsync(parse.GetValue(config), overrides, Console.Error).ConfigureAwait(false);
        });
        return command;
    }

    private static void AddList(List<string> overrides, string key, string? csv)
    {
        if (csv is null) return;
        var items = csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < items.Length; i++) overrides.Add($"--{key}:{i}={items[i]}");
    }
}
