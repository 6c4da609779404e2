using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using XenActors.Hosting.XenHost;

namespace XenActors.Cli.Commands;

/// <summary><c>xenactors xm list [--json]</c>: the host's domains, dom0 first, as xm list prints them.</summary>
public static class XmListCommand
{
    public static Command Create()
    {
        var command = XmCommand.WithCommonOptions(new Command("list", "List the domains of the host"));
        command.SetAction((parse, _) => XmCommand.WithClientAsync(parse, "list", async (client, timeout) =>
        {
            var listing = await client.AskAsync<XmDomainListing>(XmDomainList.Instance, timeout).ConfigureAwait(false);
            if (XmCommand.Json(parse))
            {
                var array = new JsonArray();
                foreach (var d in listing.Domains)
                    array.Add(new JsonObject { ["name"] = d.Name, ["id"] = d.Domid, ["type"] = d.Type, ["state"] = d.State });
                Console.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var width = Math.Max(4, listing.Domains.Select(d => d.Name.Length).DefaultIfEmpty(0).Max());
            Console.WriteLine($"{"Name".PadRight(width)} {"ID",5} {"Type",-4} State");
            foreach (var d in listing.Domains)
                Console.WriteLine($"{d.Name.PadRight(width)} {d.Domid.ToString(CultureInfo.InvariantCulture),5} {d.Type,-4} {d.State}");
            return 0;
        }));
        return command;
    }
}
