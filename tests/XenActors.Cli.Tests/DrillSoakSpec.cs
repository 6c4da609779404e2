using System.Text.Json;

namespace XenActors.Cli.Tests;

public sealed class DrillSoakSpec
{
    [Fact]
    public async Task Must_hold_every_invariant_over_a_small_soak_with_random_faults()
    {
        var result = await CliProcess.RunAsync("drill", "soak", "--count", "5", "--faults", "random", "--seed", "3", "--json");
        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.True(json.RootElement.GetProperty("invariantsHeld").GetBoolean());
        Assert.Equal(5, json.RootElement.GetProperty("drills").GetArrayLength());
        Assert.All(json.RootElement.GetProperty("drills").EnumerateArray().ToList(), d => Assert.Equal(0, d.GetProperty("violations").GetArrayLength()));
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--faults", "sometimes")]
    public async Task Must_refuse_bad_options_with_exit_2(string option, string value)
    {
        var result = await CliProcess.RunAsync("drill", "soak", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.StdErr, StringComparison.Ordinal);
    }
}
