namespace XenActors.Xen.Pci.Tests.Support;

/// <summary>Test data copied next to the test assembly (never read from outside the repository).</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    public static IEnumerable<string> LspciDumps() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.xxxx.txt").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
