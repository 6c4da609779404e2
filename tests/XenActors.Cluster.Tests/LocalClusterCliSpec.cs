using System.Diagnostics;
using System.Text.Json;
using XenActors.TestKit.MultiNode;
using Xunit.Abstractions;

namespace XenActors.Cluster.Tests;

/// <summary><c>xenactors cluster up/status/down</c> as a user runs them, each a separate process.</summary>
public sealed class LocalClusterCliSpec(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xa-cli-" + Guid.NewGuid().ToString("N"));
    private readonly List<int> _pids = [];

    private (int Code, string Out) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(NodeProcessHarness.LocateXenactorsDll());
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(180_000)) process.Kill(entireProcessTree: true);
        output.WriteLine($"$ xenactors {string.Join(' ', args)} -> {process.ExitCode}\n{stdout.Result}{stderr.Result}");
        return (process.ExitCode, stdout.Result);
    }

    [Fact]
    public void Must_bring_up_five_nodes_report_them_and_take_them_down_leaving_no_process_or_port()
    {
        var (up, table) = Run("cluster", "up", "--nodes", "5", "--dir", _dir);
        Assert.Equal(0, up);
        Assert.Contains("node-5", table, StringComparison.Ordinal);

        var (code, json) = Run("cluster", "status", "--json", "--dir", _dir);
        Assert.Equal(0, code);
        var members = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(5, members.Count);
        foreach (var m in members)
        {
            Assert.Equal("Up", m.GetProperty("state").GetString());
            Assert.True(m.GetProperty("reachable").GetBoolean());
            Assert.StartsWith("xen://xenactors@127.0.0.1:", m.GetProperty("address").GetString(), StringComparison.Ordinal);
            Assert.NotEmpty(m.GetProperty("roles").EnumerateArray());
            _pids.Add(m.GetProperty("pid").GetInt32());
        }
        Assert.Equal("Up", members[0].GetProperty("state").GetString());
        var ports = members.Select(m => int.Parse(m.GetProperty("address").GetString()!.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var (down, summary) = Run("cluster", "down", "--dir", _dir);
        Assert.Equal(0, down);
        Assert.Contains("left the cluster and exited", summary, StringComparison.Ordinal);
        Assert.All(_pids, pid => Assert.False(IsRunning(pid), $"pid {pid} still runs"));
        Assert.All(ports, port => Assert.True(FreePorts.IsFree(port), $"port {port} still bound"));
        Assert.False(File.Exists(Path.Combine(_dir, "cluster.json")));
        Assert.Equal(1, Run("cluster", "status", "--dir", _dir).Code);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var pid in _pids.Where(IsRunning))
        {
            using var p = Process.GetProcessById(pid);
            p.Kill(entireProcessTree: true);
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
