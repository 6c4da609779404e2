using System.CommandLine;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Xend;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors xm create NAME [--type pv|hvm] [--device-model-stubdomain] [--hotplug acpi|pcie] [--pci SPEC]...</c>
/// and <c>xm destroy DOMAIN</c>.
/// </summary>
public static class XmCreateCommand
{
    public static IEnumerable<Command> Create()
    {
        var name = new Argument<string>("NAME") { Description = "Domain name" };
        var type = new Option<string>("--type") { Description = "pv or hvm (builder = \"hvm\")", DefaultValueFactory = _ => "pv" };
        type.AcceptOnlyFromAmong("pv", "hvm");
        var stubdomain = new Option<bool>("--device-model-stubdomain") { Description = "HVM: device_model_stubdomain = 1, ioemu runs in a stub domain of its own instead of dom0" };
        var hotplug = new Option<string>("--hotplug") { Description = "HVM: how the guest learns of hot-plug, the virtual BIOS's ACPI GPE or PCIe native hot-plug", DefaultValueFactory = _ => "acpi" };
        hotplug.AcceptOnlyFromAmong("acpi", "pcie");
        var pci = new Option<string[]>("--pci") { Description = "pci = [ ... ]: a device attached while the domain is built (repeatable)", AllowMultipleArgumentsPerToken = false };
        var create = XmCommand.WithCommonOptions(new Command("create", "Create and start a domain"));
        create.Arguments.Add(name);
        create.Options.Add(type);
        create.Options.Add(stubdomain);
        create.Options.Add(hotplug);
        create.Options.Add(pci);
        create.Validators.Add(result =>
        {
            var pv = result.GetValue(type) != "hvm";
            if (pv && result.GetValue(stubdomain)) result.AddError("--device-model-stubdomain is for HVM guests: add --type hvm");
            if (pv && result.GetResult(hotplug) is { Implicit: false }) result.AddError("--hotplug is for HVM guests: add --type hvm");
        });
        create.SetAction((parse, _) => XmCommand.WithClientAsync(parse, "create", async (client, timeout) =>
        {
            var message = new XmCreate(parse.GetValue(name)!)
            {
                Type = parse.GetValue(type) == "hvm" ? DomainType.Hvm : DomainType.Pv,
                DeviceModelStubdomain = parse.GetValue(stubdomain),
                Hotplug = parse.GetValue(hotplug) == "pcie" ? HotplugMode.PcieNative : HotplugMode.Acpi,
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
