using System.CommandLine;
using XenActors.Cli.Commands;

namespace XenActors.Cli;

/// <summary>The <c>xenactors</c> command: every subcommand lives in its own file under Commands/.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = BuildRootCommand();
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // Bad usage exits 2 like xl does, with the reason on stderr.
            foreach (var e in result.Errors) await Console.Error.WriteLineAsync($"xenactors: {e.Message}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync("Run 'xenactors --help' for usage.").ConfigureAwait(false);
            return 2;
        }
        return await result.InvokeAsync().ConfigureAwait(false);
    }

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("xenactors: an actor emulation of the Xen PCI pass-through and hot-plug control plane");
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(PciParseCommand.Create());
        root.Subcommands.Add(XenStoredCommand.Create());
        root.Subcommands.Add(NodeCommand.Create());
        root.Subcommands.Add(ClusterCommand.Create());
        root.Subcommands.Add(DrillCommand.Create());
        root.Subcommands.Add(XmCommand.Create());
        var bench = new Command("bench", "Measure throughput and latency against a floor measured in the same run; prints JSON");
        bench.Subcommands.Add(BenchActorsCommand.Create());
        bench.Subcommands.Add(BenchXenStoreCommand.Create());
        bench.Subcommands.Add(BenchHvmCommand.Create());
        bench.Subcommands.Add(BenchRemoteCommand.Create());
        bench.Subcommands.Add(BenchHotplugCommand.Create());
        root.Subcommands.Add(bench);
        return root;
    }
}
