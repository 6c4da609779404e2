using System.CommandLine;
using XenActors.Cli.Commands;

namespace XenActors.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("xenactors: an actor emulation of the Xen PCI pass-through and hot-plug control plane");
        root.Subcommands.Add(PciParseCommand.Create());
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // Bad usage exits 2 like xl does, with the reason on stderr.
            foreach (var e in result.Errors) Console.Error.WriteLine($"xenactors: {e.Message}");
            Console.Error.WriteLine("Run 'xenactors --help' for usage.");
            return 2;
        }

        return result.Invoke();
    }
}
