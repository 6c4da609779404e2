using System.CommandLine;
using XenActors.Cli.Commands;

namespace XenActors.Cli;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("XenActors: the Xen PCI pass-through control plane as actors");
        root.Subcommands.Add(XenStoredCommand.Create());
        var bench = new Command("bench", "Benchmarks");
        bench.Subcommands.Add(BenchXenStoreCommand.Create());
        root.Subcommands.Add(bench);
        return root.Parse(args).InvokeAsync();
    }
}
