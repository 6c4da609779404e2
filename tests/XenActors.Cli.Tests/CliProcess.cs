using System.Diagnostics;

namespace XenActors.Cli.Tests;

/// <summary>Runs the real <c>xenactors</c> (the dll beside the tests) as a child process.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "xenactors.dll");

    public static async Task<Result> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"xenactors {string.Join(' ', args)} did not exit within 120 s");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
