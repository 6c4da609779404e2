using System.CommandLine;
using System.Text.Json;

namespace XenActors.Cli.Tests;

public sealed class CommandLineSpec
{
    private static List<string> CommandNames()
    {
        var names = new List<string>();
        void Walk(Command command, string prefix)
        {
            foreach (var sub in command.Subcommands)
            {
                var path = (prefix + " " + sub.Name).Trim();
                names.Add(path);
                Walk(sub, path);
            }
        }
        Walk(Program.BuildRootCommand(), "");
        return names;
    }

    public static TheoryData<string> AllCommands() => new(CommandNames());

    [Theory]
    [MemberData(nameof(AllCommands))]
    public async Task Must_offer_help_on_every_command(string command)
    {
        var result = await CliProcess.RunAsync([.. command.Split(' '), "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.StdOut, StringComparison.Ordinal);
        Assert.Contains(command.Split(' ')[^1], result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_describe_every_command()
    {
        foreach (var name in CommandNames())
        {
            Command command = Program.BuildRootCommand();
            foreach (var part in name.Split(' ')) command = command.Subcommands.Single(c => c.Name == part);
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"'{name}' has no description");
        }
    }

    [Fact]
    public async Task Must_exit_2_with_a_hint_on_an_unknown_command()
    {
        var result = await CliProcess.RunAsync("frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("frobnicate", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--help", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Must_print_the_version_as_json()
    {
        var result = await CliProcess.RunAsync("version", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("version").GetString()));
        Assert.Contains(".NET", json.RootElement.GetProperty("runtime").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Must_parse_a_multifunction_spec_to_json()
    {
        var result = await CliProcess.RunAsync("pci", "parse", "0000:00:1d.0-3@8,permissive=1", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        var root = json.RootElement;
        Assert.Equal(0x1d, root.GetProperty("device").GetInt32());
        Assert.Equal(8, root.GetProperty("vslot").GetInt32());
    }

    [Fact]
    public async Task Must_point_at_the_bad_character_of_a_malformed_spec_and_exit_2()
    {
        var result = await CliProcess.RunAsync("pci", "parse", "00:1d.9");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("malformed PCI_SPEC_STRING", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("^", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut.Trim());
    }
}
