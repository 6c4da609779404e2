using System.CommandLine;
using XenActors.Hosting.Node;

namespace XenActors.Cli.Commands;

/// <summary><c>xenactors cluster down [--dir D]</c>: every node leaves gracefully; what has not exited in time is killed.</summary>
public static class ClusterDownCommand
{
    public static Command Create()
    {
        var dir = ClusterCommand.DirectoryOption();
        var grace = new Option<int>("--grace") { Description = "Seconds to wait for a graceful leave before killing", DefaultValueFactory = _ => 30 };
        var command = new Command("down", "Leave gracefully, then kill what did not exit");
        command.Options.Add(dir);
        command.Options.Add(grace);
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(grace) is < 0 or > 3600)
            {
                await Console.Error.WriteLineAsync("xenactors cluster down: --grace must be 0-3600").ConfigureAwait(false);
                return 2;
            }
            LocalClusterState? state;
            try
            {
                state = LocalClusterState.Read(parse.GetValue(dir)!);
            }
            catch (InvalidDataException ex)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster down: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            if (state is null)
            {
                await Console.Error.WriteLineAsync($"xenactors cluster down: no cluster in {Path.GetFullPath(parse.GetValue(dir)!)}").ConfigureAwait(false);
                return 1;
            }
            var launcher = new LocalClusterLauncher(parse.GetValue(dir)!, Console.Error);
            var killed = await launcher.DownAsync(state, TimeSpan.FromSeconds(parse.GetValue(grace))).ConfigureAwait(false);
            Console.WriteLine(killed == 0 ? $"{state.Nodes.Count} node(s) left the cluster and exited" : $"{state.Nodes.Count - killed} node(s) exited, {killed} killed");
            return 0;
        });
        return command;
    }
}
