namespace XenActors.Cli.Tests.Commands;

public sealed class BenchHotplugCommandSpec
{
    [Fact]
    public async Task Must_refuse_crossings_without_a_cross_process_phase_before_running_anything()
    {
        var result = await CliProcess.RunAsync("bench", "hotplug", "--crossings", "--cross-process-cycles", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cross-process-cycles", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("bench hotplug: ask floor", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut.Trim());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100001")]
    public async Task Must_refuse_a_warmup_out_of_range_before_running_anything(string warmup)
    {
        var result = await CliProcess.RunAsync("bench", "hotplug", "--cross-process-warmup", warmup);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cross-process-warmup 0-100000", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("bench hotplug: ask floor", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut.Trim());
    }
}
