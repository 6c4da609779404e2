using System.Diagnostics;

namespace XenActors.Hosting.Tests;

/// <summary>The real xenstore-* tools (libxenstore) against `xenactors xenstored` in its own process.</summary>
public sealed class XenStoreToolInteropSpec : IAsyncLifetime
{
    private XenStoredProcess _xsd = null!;

    public async Task InitializeAsync() =>
        _xsd = await XenStoredProcess.StartAsync("--quota-nodes", "4", "--quota-permissions", "2");

    public async Task DisposeAsync() => await _xsd.DisposeAsync();

    [Fact]
    public async Task Must_round_trip_write_read_list_ls_exists_and_rm_with_the_real_tools()
    {
        Assert.Equal(0, (await _xsd.ToolAsync("xenstore-write", "/vm/a", "hello", "/vm/b", "42")).Exit);
        Assert.Equal("hello\n", (await _xsd.ToolAsync("xenstore-read", "/vm/a")).Stdout);
        Assert.Equal("a\nb\n", (await _xsd.ToolAsync("xenstore-list", "/vm")).Stdout);
        var ls = await _xsd.ToolAsync("xenstore-ls", "/vm");
        Assert.Equal("a = \"hello\"\nb = \"42\"\n", ls.Stdout);
        Assert.Equal(0, (await _xsd.ToolAsync("xenstore-exists", "/vm/a")).Exit);
        Assert.Equal(1, (await _xsd.ToolAsync("xenstore-exists", "/vm/nope")).Exit);
        Assert.Equal(0, (await _xsd.ToolAsync("xenstore-rm", "/vm/a")).Exit);
        Assert.Equal(1, (await _xsd.ToolAsync("xenstore-exists", "/vm/a")).Exit);
        var missing = await _xsd.ToolAsync("xenstore-read", "/vm/a");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("couldn't read path /vm/a", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Must_show_permissions_set_by_xenstore_chmod_in_xenstore_ls()
    {
        await _xsd.ToolAsync("xenstore-write", "/perm/node", "v");
        Assert.Equal(0, (await _xsd.ToolAsync("xenstore-chmod", "/perm/node", "n0", "r5")).Exit);
        var ls = await _xsd.ToolAsync("xenstore-ls", "-p", "/perm");
        Assert.Contains("(n0,r5)", ls.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Must_deliver_the_registration_event_and_later_writes_to_xenstore_watch()
    {
        using var watch = Process.Start(XenStoredProcess.ToolStartInfo("xenstore-watch", _xsd.SocketPath, "/watched"))!;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            Assert.Equal("/watched", await watch.StandardOutput.ReadLineAsync(cts.Token));
            Assert.Equal(0, (await _xsd.ToolAsync("xenstore-write", "/watched/child", "1")).Exit);
            Assert.Equal("/watched/child", await watch.StandardOutput.ReadLineAsync(cts.Token));
            Assert.Equal(0, (await _xsd.ToolAsync("xenstore-write", "/elsewhere", "1")).Exit);
            Assert.Equal(0, (await _xsd.ToolAsync("xenstore-rm", "/watched")).Exit);
            Assert.Equal("/watched", await watch.StandardOutput.ReadLineAsync(cts.Token));
        }
        finally
        {
            watch.Kill();
            await watch.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Must_report_quota_errors_to_a_guest_domain_with_the_real_error_text()
    {
        // The guest socket acts as unprivileged dom5, which already owns /local/domain/5 (1 of 4 nodes).
        var home = "/local/domain/5";
        Assert.Equal(0, (await _xsd.ToolAsync("xenstore-write", true, "n1", "1")).Exit);
        Assert.Equal("1\n", (await _xsd.ToolAsync("xenstore-read", $"{home}/n1")).Stdout);
        var chmod = await _xsd.ToolAsync("xenstore-chmod", true, $"{home}/n1", "n5", "r1", "r2");
        Assert.NotEqual(0, chmod.Exit);
        Assert.Contains("No space left on device", chmod.Stderr, StringComparison.Ordinal);

        await _xsd.ToolAsync("xenstore-write", true, "n2", "1");
        await _xsd.ToolAsync("xenstore-write", true, "n3", "1");
        var full = await _xsd.ToolAsync("xenstore-write", true, "n4", "1");
        Assert.Equal(1, full.Exit);
        Assert.Contains("could not write path n4", full.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, (await _xsd.ToolAsync("xenstore-exists", $"{home}/n4")).Exit);
    }

    [Fact]
    public async Task Must_deny_a_guest_domain_what_its_permissions_do_not_allow()
    {
        var ls = await _xsd.ToolAsync("xenstore-ls", true, "/");
        Assert.NotEqual(0, ls.Exit);
        Assert.Contains("Permission denied", ls.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Must_exit_cleanly_on_SIGTERM_and_remove_its_socket()
    {
        _xsd.Terminate();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _xsd.Process.WaitForExitAsync(cts.Token);
        Assert.Equal(0, _xsd.Process.ExitCode);
        Assert.False(File.Exists(_xsd.SocketPath));
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[\d+\] info: .*listening", _xsd.Stderr);
    }
}
