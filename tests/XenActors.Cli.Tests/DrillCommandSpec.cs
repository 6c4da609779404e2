using System.Text.Json;

namespace XenActors.Cli.Tests;

public sealed class DrillCommandSpec
{
    private static readonly string[] ReportNames =
    [
        "guest", "from", "to", "outcome", "phases", "rounds", "downtimeMs", "packetsSent", "packetsLost",
        "packetsDuplicated", "memoryChecksumMatch", "devicesBefore", "devicesAfter",
    ];

    [Fact]
    public async Task Must_print_one_report_per_guest_with_the_names_scripts_read()
    {
        var result = await CliProcess.RunAsync("drill", "--guests", "1", "--memory-mib", "16", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var report = Assert.Single(json.RootElement.EnumerateArray().ToList());
        foreach (var name in ReportNames) Assert.True(report.TryGetProperty(name, out _), $"missing '{name}'");
        Assert.Equal("completed", report.GetProperty("outcome").GetString());
        Assert.True(report.GetProperty("memoryChecksumMatch").GetBoolean());
        Assert.Equal(0, report.GetProperty("packetsLost").GetInt64());
        Assert.True(report.GetProperty("packetsSent").GetInt64() > 0);
        Assert.NotEqual(report.GetProperty("devicesBefore")[0].GetString(), report.GetProperty("devicesAfter")[0].GetString());
    }

    [Fact]
    public async Task Must_write_the_html_timeline_with_a_lane_per_actor()
    {
        var file = Path.Combine(Path.GetTempPath(), $"drill-{Guid.NewGuid():N}.html");
        try
        {
            var result = await CliProcess.RunAsync("drill", "--guests", "1", "--memory-mib", "16", "--report", file);
            Assert.Equal(0, result.ExitCode);
            var html = await File.ReadAllTextAsync(file);
            Assert.Contains("<svg", html, StringComparison.Ordinal);
            foreach (var lane in new[] { "xend@host-a", "xend@host-b", "pciback@host-a", "pcifront@guest1", "hypervisor@host-a", "bond@guest1" })
            {
                Assert.Contains(lane, html, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--guests", "0")]
    [InlineData("--guests", "9")]
    [InlineData("--memory-mib", "0")]
    [InlineData("--report", "/no/such/folder/r.html")]
    [InlineData("--fault", "meteor")]
    [InlineData("--link-mbit", "0")]
    public async Task Must_refuse_bad_options_with_exit_2_and_nothing_on_stdout(string option, string value)
    {
        var result = await CliProcess.RunAsync("drill", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut.Trim());
    }
}
