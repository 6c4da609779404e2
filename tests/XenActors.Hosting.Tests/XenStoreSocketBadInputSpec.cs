using System.Net.Sockets;
using XenActors.Hosting.XenStore;
using XenActors.Xen.Store.Wire;

namespace XenActors.Hosting.Tests;

/// <summary>Hostile or broken clients against the in-process socket server: it must stay up and keep others' data intact.</summary>
public sealed class XenStoreSocketBadInputSpec : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"xa-bad-{Guid.NewGuid():N}.sock");
    private readonly CapturingLogger _log = new();
    private XenStoreServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = new XenStoreServer(new XenStoreServerOptions { SocketPath = _path }, _log);
        _server.Start();
        using (var setup = new XenStoreSocketClient(_path))
            Assert.Equal(XsdError.None, setup.Write("/keep", "safe"));
        // The set-up client's disconnect is processed asynchronously: a spec that counts clients starts from none.
        await Eventually(() => _server.ClientCount == 0, "set-up client disconnected");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task Eventually(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (cts.IsCancellationRequested)
                throw new TimeoutException(what);
            await Task.Delay(10);
        }
    }

    private void AssertServiceHealthy()
    {
        using var c = new XenStoreSocketClient(_path);
        Assert.Equal("safe", c.Read("/keep"));
    }

    [Fact]
    public async Task Must_survive_a_client_that_sends_half_a_header_and_closes()
    {
        using (var raw = new XenStoreSocketClient(_path))
            raw.Socket.Send(new byte[7]);
        await Eventually(() => _log.Lines.Any(l => l.Contains("truncated", StringComparison.Ordinal)), "truncated message logged");
        AssertServiceHealthy();
    }

    [Fact]
    public async Task Must_drop_a_client_announcing_a_payload_above_4096_bytes_and_log_it()
    {
        using var raw = new XenStoreSocketClient(_path);
        var header = new byte[16];
        XsWireCodec.WriteHeader(header, XsdMessageType.Write, 1, 0, 5000);
        raw.Socket.Send(header);
        raw.Socket.ReceiveTimeout = 20_000;
        Assert.Equal(0, raw.Socket.Receive(new byte[16]));
        Assert.Contains(_log.Lines, l => l.Contains("payload above 4096", StringComparison.Ordinal));
        AssertServiceHealthy();
        await Task.CompletedTask;
    }

    [Fact]
    public void Must_answer_an_unknown_type_with_ENOSYS_and_keep_serving_the_connection()
    {
        using var c = new XenStoreSocketClient(_path);
        var reply = c.Request((XsdMessageType)77, 0, "x");
        Assert.Equal(XsdMessageType.Error, reply.Type);
        Assert.Equal("ENOSYS\0"u8.ToArray(), reply.Payload.ToArray());
        Assert.Equal("safe", c.Read("/keep"));
    }

    [Fact]
    public void Must_answer_a_payload_missing_its_NUL_with_EINVAL()
    {
        using var c = new XenStoreSocketClient(_path);
        var reply = c.Request(XsdMessageType.Read, 0, "/keep"u8.ToArray());
        Assert.Equal(XsdError.EINVAL, XsdErrors.Parse(reply.Payload.Span));
        Assert.Equal("safe", c.Read("/keep"));
    }

    [Fact]
    public void Must_match_pipelined_replies_to_requests_by_req_id_in_order()
    {
        using var c = new XenStoreSocketClient(_path);
        var batch = new List<byte>();
        for (uint i = 1; i <= 50; i++)
            batch.AddRange(XsWireCodec.Encode(new XsMessage(XsdMessageType.Read, 1000 + i, 0, XsPayload.Encode("/keep"))));
        c.Socket.Send(batch.ToArray());
        for (uint i = 1; i <= 50; i++)
        {
            var m = c.Receive();
            Assert.Equal(1000 + i, m.ReqId);
            Assert.Equal("safe"u8.ToArray(), m.Payload.ToArray());
        }
    }

    [Fact]
    public async Task Must_discard_the_transaction_of_a_client_that_disconnects_mid_transaction()
    {
        var before = _server.ClientCount;
        using (var quitter = new XenStoreSocketClient(_path))
        {
            var tx = quitter.TransactionStart();
            Assert.Equal(XsdError.None, quitter.Write("/keep", "changed-in-tx", tx));
            Assert.Equal(XsdError.None, quitter.Write("/txonly", "x", tx));
        }
        await Eventually(() => _server.ClientCount == before, "disconnect processed");
        using var other = new XenStoreSocketClient(_path);
        Assert.Equal("safe", other.Read("/keep"));
        Assert.Equal("ENOENT", other.Read("/txonly"));
    }

    [Fact]
    public async Task Must_answer_or_drop_each_of_1000_clients_connecting_at_once_and_stay_up()
    {
        var clients = Enumerable.Range(0, 1000).Select(async i =>
        {
            using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await s.ConnectAsync(new UnixDomainSocketEndPoint(_path));
                await s.SendAsync(XsWireCodec.Encode(new XsMessage(XsdMessageType.Read, (uint)i + 1, 0, XsPayload.Encode("/keep"))));
                var buffer = new byte[64];
                var got = 0;
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (got < 20)
                {
                    var n = await s.ReceiveAsync(buffer.AsMemory(got), cts.Token);
                    if (n == 0)
                        return "dropped";
                    got += n;
                }
                return BitConverter.ToUInt32(buffer, 4) == (uint)i + 1 && buffer.AsSpan(16, 4).SequenceEqual("safe"u8) ? "answered" : "wrong";
            }
            catch (SocketException)
            {
                return "dropped";
            }
        }).ToArray();
        var outcomes = await Task.WhenAll(clients);
        Assert.DoesNotContain("wrong", outcomes);
        Assert.True(outcomes.Count(o => o == "answered") > 0);
        AssertServiceHealthy();
    }
}
