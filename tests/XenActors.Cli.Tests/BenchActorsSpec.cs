using System.Text.Json;

namespace XenActors.Cli.Tests;

/// <summary>Checks the shape scripts rely on, with tiny sizes; the figures themselves are for the benchmark run, not tests.</summary>
public sealed class BenchActorsSpec
{
    [Fact]
    public async Task Must_print_json_with_floor_ratios_latency_spawn_and_allocations()
    {
        var result = await CliProcess.RunAsync("bench", "actors", "--round-trips", "2000", "--spawn", "1000", "--quiet");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        var pingPong = root.GetProperty("pingPong").EnumerateArray().ToList();
        Assert.Equal(2, pingPong.Count);
        Assert.Equal(1, pingPong[0].GetProperty("pairs").GetInt32());
        Assert.Equal(2 * root.GetProperty("cores").GetInt32(), pingPong[1].GetProperty("pairs").GetInt32());
        foreach (var p in pingPong)
        {
            Assert.True(p.GetProperty("actorMessagesPerSecond").GetDouble() > 0);
            Assert.True(p.GetProperty("channelFloorMessagesPerSecond").GetDouble() > 0);
            Assert.True(p.GetProperty("ratioToFloor").GetDouble() > 0);
        }
        Assert.True(root.GetProperty("ask").GetProperty("p99Microseconds").GetDouble() >= root.GetProperty("ask").GetProperty("p50Microseconds").GetDouble());
        Assert.Equal(1000, root.GetProperty("spawn").GetProperty("actors").GetInt32());
        Assert.True(root.GetProperty("bytesAllocatedPerMessage").GetDouble() >= 0);
    }

    [Theory]
    [InlineData("--round-trips", "5")]
    [InlineData("--spawn", "0")]
    [InlineData("--round-trips", "many")]
    public async Task Must_refuse_bad_sizes_with_exit_2(string option, string value)
    {
        var result = await CliProcess.RunAsync("bench", "actors", option, value, "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut.Trim());
    }
}
