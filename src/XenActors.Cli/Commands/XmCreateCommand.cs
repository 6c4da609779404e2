using System.CommandLine;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Xend;

namespace XenActors.Cli.Commands;

/// <summary><c>xenactors xm create NAME [--type pv|hvm] [--pci SPEC]...</c> and <c>xm destroy DOMAIN</c>.</summary>
public static class XmCreateCommand
{
    public static IEnumerable<Command> Create()
    {
        var name = new Argument<string>("NAME") { Description = "Domain name" };
        var type = new Option<string>("--type") { Description = "pv or hvm (builder = \"hvm\")", DefaultValueFactory = _ => "pv" };
        type.AcceptOnlyFromAmong("pv", "hvm");
        var pci = new Option<string[]>("--pci") { Description = "pci = [ ... ]: a device attached while the domain is built (repeatable)", AllowMultipleArgumentsPerToken = false };
        var create = XmCommand.WithCommonOptions(new Command("create", "Create and start a domain"));
        create.Arguments.Add(name);
        create.Options.Add(type);
        create.Options.Add(pci);
        create.SetAction((parse, _) => XmCommand.WithClientAsync(parse, "create", async (client, timeout) =>
        {
            var message = new XmCreate(parse.GetValue(name)!)
            {
                Type = parse.GetValue(type) == "hvm" ? DomainType.Hvm : DomainType.Pv,
                Pci = parse.GetValue(pci) ?? [],
            };
            return await XmCommand.PrintAsync(parse, await client.AskAsync<XmResult>(message, timeout).ConfigureAwait(false)).ConfigureAwait(false);
        }));
        yield return create;

        var domain = new Argument<string>("DOMAIN") { Description = "Domain name or id" };
        var destroy = XmCommand.WithCommonOptions(new Command("destroy", "Destroy a domain; its PCI functions return to the pool"));
        destroy.Arguments.Add(domain);
        destroy.SetAction((parse, _) => XmCommand.WithClientAsync(parse, "destroy", async (client, timeout) =>
        {
            var domid = await XmCommand.DomidAsync(client, parse.GetValue(domain)!, timeout).ConfigureAwait(false);
            return await XmCommand.PrintAsync(parse, await client.AskAsync<XmResult>(new XmDestroy(domid), timeout).ConfigureAwait(false)).ConfigureAwait(false);
        }));
        yield return destroy;
    }
}
