using System.CommandLine;
using XenActors.Xen.Xend;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors xm pci-assignable-add|-remove|-list</c> and <c>pci-attach|pci-detach DOMAIN SPEC</c>, <c>pci-list DOMAIN</c>.
/// </summary>
public static class XmPciCommand
{
    public static IEnumerable<Command> Create()
    {
        yield return Pool("pci-assignable-add", "Make a host PCI function assignable (it joins the pool)", bdf => new XmPciAssignableAdd(bdf));
        yield return Pool("pci-assignable-remove", "Return an assignable PCI function to the host", bdf => new XmPciAssignableRemove(bdf));

        var list = XmCommand.WithCommonOptions(new Command("pci-assignable-list", "List the assignable PCI functions"));
        list.SetAction((parse, _) => XmCommand.WithClientAsync(parse, "pci-assignable-list", async (client, timeout) =>
            await XmCommand.PrintAsync(parse, await client.AskAsync<XmResult>(XmPciAssignableList.Instance, timeout).ConfigureAwait(false)).ConfigureAwait(false)));
        yield return list;

        yield return OnDomain("pci-attach", "Hot-plug a PCI device into a domain (HVM: --trail prints every hop, --json has it as 'trail')", withSpec: true, (domid, spec) => new XmPciAttach(domid, spec!));
        yield return OnDomain("pci-detach", "Hot-unplug a PCI device from a domain (HVM: --trail prints every hop, --json has it as 'trail')", withSpec: true, (domid, spec) => new XmPciDetach(domid, spec!));
        yield return OnDomain("pci-list", "List the PCI devices of a domain", withSpec: false, (domid, _) => new XmPciList(domid));
    }

    private static Command Pool(string verb, string description, Func<string, object> message)
    {
        var bdf = new Argument<string>("BDF") { Description = "PCI function, [DDDD:]BB:DD.F" };
        var command = XmCommand.WithCommonOptions(new Command(verb, description));
        command.Arguments.Add(bdf);
        command.SetAction((parse, _) => XmCommand.WithClientAsync(parse, verb, async (client, timeout) =>
            await XmCommand.PrintAsync(parse, await client.AskAsync<XmResult>(message(parse.GetValue(bdf)!), timeout).ConfigureAwait(false)).ConfigureAwait(false)));
        return command;
    }

    private static Command OnDomain(string verb, string description, bool withSpec, Func<int, string?, object> message)
    {
        var domain = new Argument<string>("DOMAIN") { Description = "Domain name or id" };
        var spec = new Argument<string>("SPEC") { Description = "[DDDD:]BB:DD.F[,F-G|*][@VSLOT][,key=value]" };
        var command = XmCommand.WithCommonOptions(new Command(verb, description));
        var trail = new Option<bool>("--trail")
        {
            Description = "After the result, print the HVM hot-plug trail: one indented line per hop, xm -> xend -> ioemu -> ... -> xm (PV guests have none; --json always includes it as 'trail')",
        };
        command.Arguments.Add(domain);
        if (withSpec)
        {
            command.Arguments.Add(spec);
            command.Options.Add(trail);
        }
        command.SetAction((parse, _) => XmCommand.WithClientAsync(parse, verb, async (client, timeout) =>
        {
            var domid = await XmCommand.DomidAsync(client, parse.GetValue(domain)!, timeout).ConfigureAwait(false);
            var request = message(domid, withSpec ? parse.GetValue(spec) : null);
            var result = await client.AskAsync<XmResult>(request, timeout).ConfigureAwait(false);
            return await XmCommand.PrintAsync(parse, result, showTrail: withSpec && parse.GetValue(trail)).ConfigureAwait(false);
        }));
        return command;
    }
}
