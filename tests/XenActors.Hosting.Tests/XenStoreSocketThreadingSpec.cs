using XenActors.Hosting.XenStore;
using XenActors.Xen.Store.Wire;

namespace XenActors.Hosting.Tests;

/// <summary>
/// Clients on dedicated receive threads and clients on the thread pool are the same service: replies,
/// watch events across them, and shutdown behave alike whichever loop serves a client.
/// </summary>
public sealed class XenStoreSocketThreadingSpec
{
    private static XenStoreServer Start(int dedicated, out string path)
    {
        path = Path.Combine(Path.GetTempPath(), $"xa-thr-{Guid.NewGuid():N}.sock");
        var server = new XenStoreServer(new XenStoreServerOptions { SocketPath = path, DedicatedThreads = dedicated }, new CapturingLogger());
        server.Start();
        return server;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    public async Task Must_answer_interleaved_clients_whether_they_have_a_thread_or_share_the_pool(int dedicated)
    {
        await using var server = Start(dedicated, out var path);
        var clients = Enumerable.Range(0, 3).Select(_ => new XenStoreSocketClient(path)).ToArray();
        try
        {
            for (var round = 0; round < 20; round++)
            {
                for (var i = 0; i < clients.Length; i++)
                    Assert.Equal(XsdError.None, clients[i].Write($"/t/c{i}", $"{round}"));
                for (var i = 0; i < clients.Length; i++)
                    Assert.Equal($"{round}", clients[(i + 1) % clients.Length].Read($"/t/c{i}"));
            }
        }
        finally
        {
            foreach (var c in clients)
                c.Dispose();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    public async Task Must_deliver_a_watch_event_caused_by_another_client(int dedicated)
    {
        await using var server = Start(dedicated, out var path);
        using var watcher = new XenStoreSocketClient(path);
        using var writer = new XenStoreSocketClient(path);
        watcher.Socket.ReceiveTimeout = 20_000;
        watcher.Request(XsdMessageType.Watch, 0, "/w", "tok");
        Assert.Equal(("/w", "tok"), NextEvent(watcher));
        Assert.Equal(XsdError.None, writer.Write("/w/x", "1"));
        Assert.Equal(("/w/x", "tok"), NextEvent(watcher));
        Assert.Equal("1", watcher.Read("/w/x"));
    }

    [Fact]
    public async Task Must_close_every_client_when_the_server_stops()
    {
        var server = Start(1, out var path);
        using var threaded = new XenStoreSocketClient(path);
        using var pooled = new XenStoreSocketClient(path);
        Assert.Equal(XsdError.None, threaded.Write("/a", "1"));
        Assert.Equal("1", pooled.Read("/a"));
        await server.DisposeAsync();
        foreach (var c in new[] { threaded, pooled })
        {
            c.Socket.ReceiveTimeout = 20_000;
            Assert.Throws<EndOfStreamException>(() => c.Receive());
        }
    }

    private static (string, string) NextEvent(XenStoreSocketClient client)
    {
        if (client.Events.Count > 0)
            return client.Events.Dequeue();
        var m = client.Receive();
        Assert.Equal(XsdMessageType.WatchEvent, m.Type);
        var s = XsPayload.Strings(m.Payload.Span);
        return (s[0], s[1]);
    }
}
