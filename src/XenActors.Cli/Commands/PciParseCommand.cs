using System.CommandLine;
using System.Globalization;
using XenActors.Xen.Pci.Spec;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors pci parse SPEC... [--json]</c>: checks PCI_SPEC_STRINGs the way <c>xl pci-attach</c>
/// (and xend's multi-function lists) read them. Prints a table, or one JSON object per line with
/// --json; every malformed spec goes to stderr with a caret under the fault, and the exit code is 2.
/// </summary>
public static class PciParseCommand
{
    public static Command Create()
    {
        var specs = new Argument<string[]>("spec")
        {
            Description = "PCI_SPEC_STRING: [DDDD:]BB:DD.F[@VSLOT][,key=value]*, F = 0-7, a list like 0,3-5, or *; or bdf=/name= keys",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per spec instead of a table" };
        var parse = new Command("parse", "Parse PCI_SPEC_STRINGs (xl-pci-configuration(5) plus xend function lists) and show what they mean");
        parse.Arguments.Add(specs);
        parse.Options.Add(json);
        parse.SetAction(result => Run(result.GetValue(specs) ?? [], result.GetValue(json), Console.Out, Console.Error));

        var pci = new Command("pci", "PCI pass-through tools");
        pci.Subcommands.Add(parse);
        return pci;
    }

    /// <summary>The command's work, with its writers injectable for tests. Returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> specs, bool asJson, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = new List<(string Text, PciSpec Spec)>();
        var failed = false;
        foreach (var text in specs)
        {
            if (PciSpec.TryParse(text, out var spec, out var e))
            {
                parsed.Add((text, spec!));
                continue;
            }

            failed = true;
            error.WriteLine($"pci parse: {e!.Message}");
        }

        if (failed) error.WriteLine("pci parse: expected [DDDD:]BB:DD.F[@VSLOT][,key=value]* (see xl-pci-configuration(5)); fix the spec at the caret and retry");
        if (asJson)
        {
            foreach (var (_, spec) in parsed) output.WriteLine(PciSpecJson.Write(spec));
        }
        else if (parsed.Count > 0)
        {
            WriteTable(parsed, output);
        }

        return failed ? 2 : 0;
    }

    private static void WriteTable(List<(string Text, PciSpec Spec)> rows, TextWriter output)
    {
        string[] header = ["SPEC", "DOMAIN", "BUS", "DEVICE", "FUNCTIONS", "VSLOT", "OPTIONS"];
        var cells = rows.Select(r => new[]
        {
            r.Text,
            r.Spec.Slot is { } s ? s.Domain.ToString("x4", CultureInfo.InvariantCulture) : "-",
            r.Spec.Slot is { } b ? b.Bus.ToString("x2", CultureInfo.InvariantCulture) : "-",
            r.Spec.Slot is { } d ? d.Device.ToString("x2", CultureInfo.InvariantCulture) : "-",
            r.Spec.Slot is null ? "-" : r.Spec.Functions.ToString(),
            r.Spec.VirtualSlot is { } v ? v.ToString("x2", CultureInfo.InvariantCulture) : "-",
            Options(r.Spec.Options),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in cells) output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
    }

    private static string Options(PciSpecOptions o)
    {
        var parts = new List<string>();
        if (o.Permissive is { } p) parts.Add($"permissive={p}");
        if (o.MsiTranslate is { } m) parts.Add($"msitranslate={m}");
        if (o.PowerMgmt is { } pm) parts.Add($"power_mgmt={pm}");
        if (o.Seize is { } s) parts.Add($"seize={s}");
        if (o.RdmPolicy is { } r) parts.Add($"rdm_policy={(r == RdmPolicy.Strict ? "strict" : "relaxed")}");
        if (o.Name is { } n) parts.Add($"name={n}");
        return parts.Count == 0 ? "-" : string.Join(',', parts);
    }
}
