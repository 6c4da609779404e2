using System.Diagnostics;
using System.Text.Json;

namespace XenActors.Cli.Tests;

/// <summary>A real drill process cancelled mid-pre-copy by a second process (xenactors drill cancel --dir).</summary>
public sealed class DrillCancelSpec
{
    [Fact]
    public async Task Must_roll_back_to_the_source_with_its_devices_when_cancelled_mid_pre_copy()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"drill-cancel-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliProcess.DllPath);
        // 64 MiB over a 20 Mbit/s link: the first pre-copy round takes about half a minute, time enough to cancel in it.
        foreach (var a in new[] { "drill", "migrate", "--guest", "guest1", "--to", "host-b", "--link-mbit", "20", "--json", "--dir", dir })
            info.ArgumentList.Add(a);
        using var drill = Process.Start(info)!;
        try
        {
            var stdout = drill.StandardOutput.ReadToEndAsync();
            var inPreCopy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stderr = Task.Run(async () =>
            {
                while (await drill.StandardError.ReadLineAsync() is { } line)
                {
                    if (line.Contains("phase migrate", StringComparison.Ordinal))
                        inPreCopy.TrySetResult();
                }
            });
            await inPreCopy.Task.WaitAsync(TimeSpan.FromSeconds(90));

            var cancel = await CliProcess.RunAsync("drill", "cancel", "--dir", dir);
            Assert.Equal(0, cancel.ExitCode);
            await drill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

            Assert.Equal(1, drill.ExitCode);
            using var json = JsonDocument.Parse(await stdout);
            var report = Assert.Single(json.RootElement.EnumerateArray().ToList());
            Assert.Equal("cancelled", report.GetProperty("outcome").GetString());
            Assert.Equal(["traffic warm-up", "hot-remove", "migrate", "rollback", "traffic settle"], report.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
            var before = report.GetProperty("devicesBefore").EnumerateArray().Select(d => d.GetString()).ToList();
            Assert.Equal(3, before.Count);
            Assert.Equal(before, report.GetProperty("devicesAfter").EnumerateArray().Select(d => d.GetString()));
            Assert.All(before, d => Assert.StartsWith("host-a/", d, StringComparison.Ordinal));
            Assert.Equal(0, report.GetProperty("packetsLost").GetInt64());
            Assert.True(report.GetProperty("memoryChecksumMatch").GetBoolean());
            Assert.False(File.Exists(Path.Combine(dir, "drill.pid")));
            await stderr;
        }
        finally
        {
            if (!drill.HasExited)
                drill.Kill(entireProcessTree: true);
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Must_say_so_and_exit_1_when_no_drill_runs_from_the_directory()
    {
        var result = await CliProcess.RunAsync("drill", "cancel", "--dir", Path.Combine(Path.GetTempPath(), $"no-drill-{Guid.NewGuid():N}"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no drill is running", result.StdErr, StringComparison.Ordinal);
    }
}
