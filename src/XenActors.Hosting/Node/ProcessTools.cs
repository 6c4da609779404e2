using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace XenActors.Hosting.Node;

/// <summary>Process and port helpers for local clusters.</summary>
public static class ProcessTools
{
    /// <summary>True if <paramref name="pid"/> runs and started when we recorded it (guards against pid reuse).</summary>
    public static bool IsAlive(int pid, DateTimeOffset? startedAt = null)
    {
        if (pid <= 0) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return false;
            return startedAt is null || Math.Abs((process.StartTime.ToUniversalTime() - startedAt.Value.UtcDateTime).TotalSeconds) < 5;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    /// <summary>Sends SIGTERM (a graceful stop: the node leaves the cluster first).</summary>
    public static void Terminate(int pid)
    {
        if (pid <= 0) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit(5000);
    }

    /// <summary><paramref name="count"/> loopback ports free right now (held open together so they differ).</summary>
    public static IReadOnlyList<int> FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    public static bool IsPortFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The path of the running xenactors.dll, to start more node processes as <c>dotnet xenactors.dll node ...</c>.</summary>
    public static string EntryAssemblyPath() =>
        System.Reflection.Assembly.GetEntryAssembly()?.Location is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "xenactors.dll");
}
