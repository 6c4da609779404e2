using System.Diagnostics;
using System.Text.RegularExpressions;
using XenActors.TestKit.MultiNode;
using Xunit.Abstractions;

namespace XenActors.Cluster.Tests;

public sealed partial class NodeCommandSpec(ITestOutputHelper output) : IDisposable
{
    private readonly NodeProcessHarness _harness = new(NodeProcessHarness.LocateXenactorsDll(), output);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[pid \d+\] ")]
    private static partial Regex LogLine();

    [Theory]
    [InlineData("--port", "70000", "xenactors:remote:port")]
    [InlineData("--seeds", "nowhere", "xenactors:cluster:seedNodes:0")]
    [InlineData("--name", "bad name!", "xenactors:node:name")]
    public async Task Must_stop_with_a_message_that_names_the_wrong_key(string option, string value, string key)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { NodeProcessHarness.LocateXenactorsDll(), "node", option, value }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var errors = await stderr;
        output.WriteLine(errors);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains(key, errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Must_leave_the_cluster_and_exit_cleanly_on_SIGTERM()
    {
        var ports = FreePorts.Take(2);
        var first = _harness.StartNode("node-1", ports[0], ports);
        var second = _harness.StartNode("node-2", ports[1], ports);
        await _harness.AwaitMembersUpAsync(2, [first, second], TimeSpan.FromSeconds(60));
        using (var kill = Process.Start("kill", ["-TERM", second.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        Assert.True(second.Process.WaitForExit(60_000), "node-2 did not exit after SIGTERM");
        Assert.Equal(0, second.Process.ExitCode);
        await _harness.AwaitMembersUpAsync(1, [first], TimeSpan.FromSeconds(30));
        Assert.True(first.Logged("MemberRemoved"), "the other node logged the removal");
        Assert.True(second.Logged("leaving the cluster"), "the stopping node logged its leave");
        Assert.All(second.Lines.Where(l => l.Contains("xenactors.node", StringComparison.Ordinal)), l => Assert.Matches(LogLine(), l));
    }

    public void Dispose() => _harness.Dispose();
}
