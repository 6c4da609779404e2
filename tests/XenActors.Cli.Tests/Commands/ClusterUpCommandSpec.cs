namespace XenActors.Cli.Tests.Commands;

/// <summary><c>cluster up</c> refuses bad combinations of whole and split hosts with exit code 2 before starting anything.</summary>
public sealed class ClusterUpCommandSpec : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xa-up-" + Guid.NewGuid().ToString("N")[..8]);

    [Theory]
    [InlineData("--nodes 4 --guests 2", "--nodes cannot be combined with --guests: a split host has 3 + G nodes (xen, dom0, driver, G guests), so --hosts 1 --guests 2 starts 5")]
    [InlineData("--hosts 0 --guests 1", "--hosts must be 1-8 with --guests (split hosts)")]
    [InlineData("--guests 33", "--guests must be 0-32")]
    [InlineData("--hosts 8 --guests 6", "--hosts 8 --guests 6 needs 72 nodes; at most 64")]
    [InlineData("--nodes 2 --hosts 3", "--hosts must be 0-2 (at most --nodes)")]
    public async Task Must_exit_2_with_what_to_change_and_start_nothing(string args, string message)
    {
        var result = await CliProcess.RunAsync(["cluster", "up", .. args.Split(' '), "--dir", _dir]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("xenactors cluster up: " + message, result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir), "a refused cluster up created its state directory");
    }

    [Fact]
    public async Task Must_document_split_hosts_in_help()
    {
        var result = await CliProcess.RunAsync("cluster", "up", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--guests", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("driver domain (pciback)", result.StdOut, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
