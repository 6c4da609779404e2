using System.Diagnostics;
using System.Globalization;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// The far end of a cross-process floor: <c>xenactors bench remote --responder</c> in a process of its own, serving an
/// echo actor on remoting and a bare echo socket (<see cref="RemoteBench.RespondAsync"/>); stopped on dispose.
/// </summary>
public sealed class BenchResponder : IDisposable
{
    private readonly Process _process;

    private BenchResponder(Process process, int remotingPort, int rawPort)
    {
        _process = process;
        RemotingPort = remotingPort;
        RawPort = rawPort;
    }

    public int Pid => _process.Id;

    public int RemotingPort { get; }

    /// <summary>The bare echo socket for <see cref="BareSocketFloor.RunAsync"/>.</summary>
    public int RawPort { get; }

    /// <summary>Starts the responder with the remoting secret <paramref name="secret"/> and waits for its ports.</summary>
    public static async Task<BenchResponder> StartAsync(string dllPath, string secret)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { dllPath, "bench", "remote", "--responder" }) start.ArgumentList.Add(arg);
        start.Environment[RemoteBench.SecretVariable] = secret;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the responder process");
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            var parts = ready?.Split(' ') ?? [];
            if (parts.Length != 3 || parts[0] != "READY") throw new InvalidOperationException($"the responder did not start: '{ready}'");
            return new BenchResponder(process, int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
