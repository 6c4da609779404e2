using System.CommandLine;
using XenActors.Xen.Drill;

namespace XenActors.Cli.Commands;

/// <summary>The options every drill run shares, and their checks (exit 2 on bad usage).</summary>
internal sealed class DrillOptions
{
    private readonly Option<int> guests = new("--guests") { Description = "Guests to migrate (1-8)", DefaultValueFactory = _ => 2 };
    private readonly Option<int> memory = new("--memory-mib") { Description = "Memory per guest in MiB (1-1024)", DefaultValueFactory = _ => 64 };
    private readonly Option<int> linkMbit = new("--link-mbit") { Description = "Relocation link bandwidth in Mbit/s (1-100000)", DefaultValueFactory = _ => 1000 };
    private readonly Option<string> fault = new("--fault") { Description = "none", DefaultValueFactory = _ => "none" };
    private readonly Option<bool> json = new("--json") { Description = "Print the reports as a JSON array instead of a table" };
    private readonly Option<FileInfo?> report = new("--report") { Description = "Write the HTML timeline (one lane per actor) to this file" };
    private readonly Option<string> dir = ClusterCommand.DirectoryOption();
    private bool withGuests;

    public sealed record Parsed(XenHostDrillOptions Options, DrillFault Fault, bool Json, FileInfo? Report, string Directory);

    public void AddTo(Command command, bool withGuests)
    {
        this.withGuests = withGuests;
        fault.Description = "Inject a failure: " + string.Join(", ", DrillFaults.Names) + " (then the guest ends on the source with its devices, or on the destination with devices there after switch-over)";
        dir.Description = "State directory: the running drill's pid and cancel request live here (xenactors drill cancel --dir)";
        if (withGuests) command.Options.Add(guests);
        foreach (var o in new Option[] { memory, linkMbit, fault, json, report, dir }) command.Options.Add(o);
    }

    public Parsed? Validate(ParseResult parse, string name)
    {
        var count = withGuests ? parse.GetValue(guests) : 2;
        var mib = parse.GetValue(memory);
        var mbit = parse.GetValue(linkMbit);
        if (count is < 1 or > 8 || mib is < 1 or > 1024 || mbit is < 1 or > 100_000)
        {
            Console.Error.WriteLine($"xenactors {name}: --guests must be 1-8, --memory-mib 1-1024 and --link-mbit 1-100000");
            return null;
        }

        if (!DrillFaults.TryParse(parse.GetValue(fault), out var f))
        {
            Console.Error.WriteLine($"xenactors {name}: --fault must be one of {string.Join(", ", DrillFaults.Names)}");
            return null;
        }

        var file = parse.GetValue(report);
        if (file?.Directory is { Exists: false } folder)
        {
            Console.Error.WriteLine($"xenactors {name}: the folder of --report does not exist: {folder.FullName}");
            return null;
        }

        var options = new XenHostDrillOptions { Guests = count, GuestMemoryMiB = mib, LinkBytesPerSecond = mbit * 125_000L };
        return new Parsed(options, f, parse.GetValue(json), file, parse.GetValue(dir)!);
    }
}
