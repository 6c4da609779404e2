using System.CommandLine;

namespace XenActors.Cli.Commands;

/// <summary><c>xenactors cluster up|status|down</c>: a local cluster of node processes, state kept in a directory.</summary>
public static class ClusterCommand
{
    public const string DefaultDirectory = ".xenactors";

    public static Command Create()
    {
        var command = new Command("cluster", "Run a local cluster of node processes on loopback ports");
        command.Subcommands.Add(ClusterUpCommand.Create());
        command.Subcommands.Add(ClusterStatusCommand.Create());
        command.Subcommands.Add(ClusterDownCommand.Create());
        return command;
    }

    public static Option<string> DirectoryOption() => new("--dir") { Description = "State directory", DefaultValueFactory = _ => DefaultDirectory };
}
