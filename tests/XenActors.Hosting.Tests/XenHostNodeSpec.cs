using System.Text.Json;
using Xunit.Abstractions;

namespace XenActors.Hosting.Tests;

/// <summary>A node with the role <c>host</c> runs one emulated Xen host whose xenstored the real tools reach.</summary>
public sealed class XenHostNodeSpec(ITestOutputHelper output) : IDisposable
{
    private readonly LocalClusterDirectory _cluster = new(output);

    [Fact]
    public async Task Must_serve_the_live_host_store_on_the_socket_cluster_status_reports_and_remove_it_on_cluster_down()
    {
        Assert.Equal(0, (await _cluster.RunAsync("cluster", "up", "--nodes", "2", "--hosts", "1")).Code);

        var (code, json, _) = await _cluster.RunAsync("cluster", "status", "--json");
        Assert.Equal(0, code);
        var members = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, members.Count);
        Assert.Contains("host", members[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain("host", members[1].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Null, members[1].GetProperty("xenstoreSocket").ValueKind);
        var socket = members[0].GetProperty("xenstoreSocket").GetString()!;
        Assert.Equal(Path.Combine(_cluster.Path, "node-1.xs.sock"), socket);
        var pids = members.Select(m => m.GetProperty("pid").GetInt32()).ToList();

        var ls = await _cluster.ToolAsync(socket, "xenstore-ls", "-f");
        Assert.Equal(0, ls.Code);
        Assert.Contains("/local/domain/0 = \"\"", ls.Out, StringComparison.Ordinal);
        Assert.Contains("/local/domain/0/name = \"Domain-0\"", ls.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await _cluster.ToolAsync(socket, "xenstore-write", "/tool/probe", "from-the-real-tools")).Code);
        Assert.Equal("from-the-real-tools\n", (await _cluster.ToolAsync(socket, "xenstore-read", "/tool/probe")).Out);

        var (down, summary, _) = await _cluster.RunAsync("cluster", "down");
        Assert.Equal(0, down);
        Assert.Contains("left the cluster and exited", summary, StringComparison.Ordinal);
        Assert.False(File.Exists(socket), "the xenstored socket outlived the cluster");
        Assert.All(pids, pid => Assert.False(LocalClusterDirectory.IsRunning(pid), $"pid {pid} still runs"));
    }

    public void Dispose() => _cluster.Dispose();
}
