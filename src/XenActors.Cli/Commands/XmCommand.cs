using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using XenActors.Actor;
using XenActors.Hosting.Node;
using XenActors.Hosting.XenHost;
using XenActors.Xen.Xend;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors xm ...</c>: xm's commands against the xend of a host node of the local cluster in <c>--dir</c>. Each
/// one asks the host node from a short-lived client process and returns only when the operation completed or failed;
/// a refusal is printed as xm prints it (<c>Error: ...</c>) and exits 1.
/// </summary>
public static class XmCommand
{
    public static Command Create()
    {
        var xm = new Command("xm", "xm toolstack commands against a host node of the local cluster");
        xm.Subcommands.Add(XmListCommand.Create());
        foreach (var c in XmCreateCommand.Create()) xm.Subcommands.Add(c);
        foreach (var c in XmPciCommand.Create()) xm.Subcommands.Add(c);
        xm.Subcommands.Add(XmPciDumpCommand.Create());
        return xm;
    }

    /// <summary>Adds what every xm command takes: <c>--dir</c>, <c>--host</c>, <c>--json</c>, <c>--timeout</c>.</summary>
    internal static Command WithCommonOptions(Command command)
    {
        command.Options.Add(ClusterCommand.DirectoryOption());
        command.Options.Add(new Option<string?>("--host") { Description = "The Xen host: a split host's name (host-1) or a host node's name (node-1); default: the first" });
        command.Options.Add(new Option<bool>("--json") { Description = "Print the result as JSON" });
        command.Options.Add(new Option<int>("--timeout") { Description = "Seconds to wait for the operation", DefaultValueFactory = _ => 60 });
        return command;
    }

    internal static bool Json(ParseResult parse) => parse.GetValue<bool>("--json");

    /// <summary>
    /// Finds the host in the state file, connects, and runs <paramref name="run"/>; turns a missing cluster, a
    /// stopped host or a timeout into <c>Error: ...</c> on stderr and exit code 1.
    /// </summary>
    internal static async Task<int> WithClientAsync(ParseResult parse, string verb, Func<XmClient, TimeSpan, Task<int>> run)
    {
        var dir = parse.GetValue<string>("--dir")!;
        var seconds = parse.GetValue<int>("--timeout");
        if (seconds is < 1 or > 3600)
        {
            await Console.Error.WriteLineAsync($"xenactors xm {verb}: --timeout must be 1-3600").ConfigureAwait(false);
            return 2;
        }
        try
        {
            var state = LocalClusterState.Read(dir) ?? throw new InvalidOperationException($"no cluster in {Path.GetFullPath(dir)} (run 'xenactors cluster up')");
            var host = XmHostLocator.Find(state, parse.GetValue<string?>("--host"));
            using var client = new XmClient(state.Secret, host.Address);
            var timeout = TimeSpan.FromSeconds(seconds);
            try
            {
                return await run(client, timeout).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                throw new InvalidOperationException($"host node {host.Name} did not answer within {seconds} s (see {host.LogFile})");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// Prints xend's answer (message, then lines; or JSON with the trail) and maps it to the exit code. With
    /// <paramref name="showTrail"/> the text output ends with the HVM hot-plug trail, one indented line per hop.
    /// </summary>
    internal static async Task<int> PrintAsync(ParseResult parse, XmResult result, bool showTrail = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Json(parse))
        {
            Console.WriteLine(XmResultOutput.ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            if (result.Success)
            {
                if (result.Message.Length > 0) Console.WriteLine(result.Message);
                foreach (var line in result.Lines) Console.WriteLine(line);
            }
            // A refused HVM hot-plug has a trail too: it shows how far the operation got.
            if (showTrail && result.Trail is { } trail)
            {
                Console.WriteLine("Trail:");
                foreach (var hop in XmResultOutput.TrailLines(trail)) Console.WriteLine(hop);
            }
        }
        if (result.Success) return 0;
        await Console.Error.WriteLineAsync($"Error: {result.Message}").ConfigureAwait(false);
        return 1;
    }

    /// <summary>
    /// A domain as xm takes it, by id or by name; names are looked up in the host's domain list. Unknown: throws
    /// with xm's wording.
    /// </summary>
    internal static async Task<int> DomidAsync(XmClient client, string domain, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (int.TryParse(domain, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return id;
        var listing = await client.AskAsync<XmDomainListing>(XmDomainList.Instance, timeout).ConfigureAwait(false);
        return listing.Domains.FirstOrDefault(d => d.Name == domain)?.Domid
            ?? throw new InvalidOperationException($"Domain '{domain}' does not exist.");
    }
}
