using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace XenActors.Cli.Commands;

/// <summary>
/// How <c>xenactors drill cancel</c> reaches a running drill: the drill writes its pid to DIR/drill.pid and
/// watches for DIR/drill.cancel; Ctrl-C (SIGINT) and SIGTERM in the drill itself cancel the same way. The
/// files go when the drill ends.
/// </summary>
internal sealed class DrillControl(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    private string PidFile => Path.Combine(Directory, "drill.pid");

    private string CancelFile => Path.Combine(Directory, "drill.cancel");

    /// <summary>The pid of a live drill started from this directory (a stale file of a dead one is ignored).</summary>
    public int? RunningPid()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : pid;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public void RequestCancel() => File.WriteAllText(CancelFile, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));

    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
        {
            if (RunningPid() is null)
                return true;
            await Task.Delay(50, CancellationToken.None);
        }
        return RunningPid() is null;
    }

    /// <summary>Marks this process as the running drill; a cancel file, Ctrl-C or SIGTERM cancels <paramref name="cancel"/>.</summary>
    public IDisposable Register(CancellationTokenSource cancel)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.Delete(CancelFile);
        File.WriteAllText(PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(s => PosixSignalRegistration.Create(s, c =>
        {
            c.Cancel = true; // roll back and report instead of dying mid-drill
            cancel.Cancel();
        })).ToList();
        var poll = new Timer(_ =>
        {
            if (File.Exists(CancelFile))
                cancel.Cancel();
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        return new Registration(() =>
        {
            poll.Dispose();
            signals.ForEach(s => s.Dispose());
            File.Delete(CancelFile);
            File.Delete(PidFile);
        });
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
