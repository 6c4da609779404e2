using System.Diagnostics;
using System.Net.Sockets;

namespace XenActors.Hosting.Tests;

/// <summary>
/// `xenactors xenstored` started as a real process (dom0 socket plus a guest socket acting as
/// unprivileged domain 5), and the real xenstore-* tools pointed at it through XENSTORED_PATH.
/// </summary>
public sealed class XenStoredProcess : IAsyncDisposable
{
    public const uint GuestDomId = 5;

    private readonly Process _process;
    private readonly StringWriter _stderr = new();

    private XenStoredProcess(Process process, string dir)
    {
        _process = process;
        Directory = dir;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                    _stderr.WriteLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public string Directory { get; }

    public string SocketPath => Path.Combine(Directory, "xs.sock");

    public string GuestSocketPath => Path.Combine(Directory, "guest.sock");

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public Process Process => _process;

    public static async Task<XenStoredProcess> StartAsync(params string[] extraArgs)
    {
        var dir = Path.Combine(Path.GetTempPath(), "xa-xs-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        var dll = Path.Combine(AppContext.BaseDirectory, "xenactors.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "xenstored", "--socket", Path.Combine(dir, "xs.sock"), "--guest-socket", Path.Combine(dir, "guest.sock"), "--guest-domid", GuestDomId.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(extraArgs))
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start xenactors");
        var xsd = new XenStoredProcess(process, dir);
        await xsd.WaitUntilConnectableAsync(TimeSpan.FromSeconds(30));
        return xsd;
    }

    private async Task WaitUntilConnectableAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("xenstored exited early: " + Stderr);
            if (File.Exists(GuestSocketPath))
            {
                try
                {
                    using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
                    return;
                }
                catch (SocketException)
                {
                }
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("xenstored did not start listening: " + Stderr);
            await Task.Delay(25);
        }
    }

    /// <summary>Runs a real xenstore tool against the dom0 (or guest) socket.</summary>
    public async Task<(int Exit, string Stdout, string Stderr)> ToolAsync(string tool, bool guest, params string[] args)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["XENSTORED_PATH"] = guest ? GuestSocketPath : SocketPath;
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException(tool);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    public Task<(int Exit, string Stdout, string Stderr)> ToolAsync(string tool, params string[] args) => ToolAsync(tool, false, args);

    public static ProcessStartInfo ToolStartInfo(string tool, string socket, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["XENSTORED_PATH"] = socket;
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Asks the daemon to stop the way an init system would.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
