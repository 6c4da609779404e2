using System.Net.Sockets;
using XenActors.Hosting.XenStore;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;

namespace XenActors.Hosting.Tests;

/// <summary>The socket server and the XenStore actor serve one core: each sees the other's writes and watches fire across.</summary>
public sealed class SharedXenStoreSpec : TestKit.TestKit, IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"xa-shared-{Guid.NewGuid():N}.sock");
    private readonly SharedXenStore _shared = new();
    private XenStoreServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new XenStoreServer(new XenStoreServerOptions { SocketPath = _path }, new CapturingLogger(), _shared);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Must_show_actor_writes_to_socket_clients_and_socket_writes_to_actors()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var client = new XenStoreClient(store, 0, TestActor);
        Assert.True((await client.WriteAsync("/from-actor", "a")).IsOk);
        using var socket = new XenStoreSocketClient(_path);
        Assert.Equal("a", socket.Read("/from-actor"));
        socket.Write("/from-socket", "s");
        Assert.Equal("s", await client.TryReadAsync("/from-socket"));
    }

    [Fact]
    public async Task Must_send_a_socket_watch_event_caused_by_an_actor_write()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var client = new XenStoreClient(store, 0, TestActor);
        using var socket = new XenStoreSocketClient(_path);
        socket.Request(Xen.Store.Wire.XsdMessageType.Watch, 0, "/w", "tok");
        var initial = socket.Events.Count > 0 ? socket.Events.Dequeue() : Event(socket);
        Assert.Equal(("/w", "tok"), initial);
        await client.WriteAsync("/w/x", "1");
        socket.Socket.ReceiveTimeout = 20_000;
        Assert.Equal(("/w/x", "tok"), Event(socket));
    }

    private static (string, string) Event(XenStoreSocketClient socket)
    {
        var m = socket.Receive();
        Assert.Equal(Xen.Store.Wire.XsdMessageType.WatchEvent, m.Type);
        var s = Xen.Store.Wire.XsPayload.Strings(m.Payload.Span);
        return (s[0], s[1]);
    }
}
