using System.Diagnostics;

namespace XenActors.TestKit.Tools;

/// <summary>
/// Runs the real pciutils lspci on a dump file (<c>lspci -F FILE ...</c>). A missing tool fails the
/// test: the interop tests are the point, so they are never skipped.
/// </summary>
public static class LspciTool
{
    public static string Path
    {
        get
        {
            foreach (var candidate in new[] { "/usr/bin/lspci", "/usr/sbin/lspci", "/bin/lspci", "/sbin/lspci" })
            {
                if (File.Exists(candidate)) return candidate;
            }

            throw new InvalidOperationException("lspci (Debian package pciutils) is required by the interop tests: apt-get install pciutils");
        }
    }

    /// <summary>Writes <paramref name="dump"/> to a temporary file and returns lspci's standard output for it.</summary>
    public static string Run(string dump, params string[] args)
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"xa-lspci-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, dump);
        try
        {
            return RunOnFile(file, args);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static string RunOnFile(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-F");
        psi.ArgumentList.Add(file);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start lspci");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(30_000))
        {
            p.Kill();
            throw new TimeoutException("lspci did not finish within 30 s");
        }

        if (p.ExitCode != 0) throw new InvalidOperationException($"lspci exited {p.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
