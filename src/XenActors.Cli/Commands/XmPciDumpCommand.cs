using System.CommandLine;
using XenActors.Xen.Xend;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors xm pci-dump DOMAIN [--physical] [--output FILE]</c>: the configuration space of every PCI function
/// attached to DOMAIN as <c>lspci -xxxx</c> text, so that <c>lspci -F FILE -vvv</c> decodes it — the guest's view at
/// the guest's addresses, or with <c>--physical</c> the host functions behind them. The file is written only when
/// xend answered with a dump: a refusal leaves no file.
/// </summary>
public static class XmPciDumpCommand
{
    public static Command Create()
    {
        var domain = new Argument<string>("DOMAIN") { Description = "Domain name or id" };
        var physical = new Option<bool>("--physical") { Description = "Dump the physical functions behind the guest's devices, at their host addresses" };
        var outputFile = new Option<string?>("--output") { Description = "Write the dump to FILE instead of standard output" };
        var command = XmCommand.WithCommonOptions(new Command("pci-dump", "Dump the PCI configuration space a domain sees, as lspci -xxxx text"));
        command.Arguments.Add(domain);
        command.Options.Add(physical);
        command.Options.Add(outputFile);
        command.SetAction((parse, _) => XmCommand.WithClientAsync(parse, "pci-dump", async (client, timeout) =>
        {
            var domid = await XmCommand.DomidAsync(client, parse.GetValue(domain)!, timeout).ConfigureAwait(false);
            var result = await client.AskAsync<XmResult>(new XmPciDump(domid, parse.GetValue(physical)), timeout).ConfigureAwait(false);
            var file = parse.GetValue(outputFile);
            if (!result.Success || file is null || XmCommand.Json(parse))
                return await XmCommand.PrintAsync(parse, result).ConfigureAwait(false);
            var text = string.Concat(result.Lines.Select(l => l + "\n"));
            try
            {
                await File.WriteAllTextAsync(file, text).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"cannot write {file}: {ex.Message}", ex);
            }
            return 0;
        }));
        return command;
    }
}
