using System.Diagnostics;
using System.Globalization;
using XenActors.Hosting.Node;
using Xunit.Abstractions;

namespace XenActors.Hosting.Tests;

/// <summary>
/// A state directory for <c>xenactors cluster up</c> and the commands run against it, each as its own process, the
/// way a user runs them from a shell. Disposing kills every node the state file still names and removes the
/// directory with its sockets, whatever the test got to.
/// </summary>
public sealed class LocalClusterDirectory(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(180);
    private readonly List<int> _pids = [];

    // Short: unix socket paths inside it must stay under 108 bytes.
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "xa-h-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Runs <c>xenactors ARGS --dir D</c> to completion; returns exit code, stdout and stderr.</summary>
    public async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "xenactors.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(Path);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var cts = new CancellationTokenSource(CommandTimeout))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"xenactors {string.Join(' ', args)} did not finish in {CommandTimeout}");
            }
        }
        output.WriteLine($"$ xenactors {string.Join(' ', args)} -> {process.ExitCode}\n{await stdout}{await stderr}");
        RememberNodes();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a real xenstore tool against <paramref name="socket"/> (a missing tool throws: the test fails).</summary>
    public async Task<(int Code, string Out, string Err)> ToolAsync(string socket, string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["XENSTORED_PATH"] = socket;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException(tool);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await p.WaitForExitAsync(cts.Token);
        output.WriteLine($"$ XENSTORED_PATH={socket} {tool} {string.Join(' ', args)} -> {p.ExitCode}\n{await stdout}{await stderr}");
        return (p.ExitCode, await stdout, await stderr);
    }

    public static bool IsRunning(int pid)
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

    private void RememberNodes()
    {
        try
        {
            if (LocalClusterState.Read(Path) is { } state)
            {
                lock (_pids) _pids.AddRange(state.Nodes.Select(n => n.Pid).Where(p => !_pids.Contains(p)));
            }
        }
        catch (InvalidDataException)
        {
        }
    }

    public void Dispose()
    {
        RememberNodes();
        foreach (var pid in _pids.Where(IsRunning))
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                output.WriteLine($"killing node pid {pid.ToString(CultureInfo.InvariantCulture)} left running");
                p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
            }
        }
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
