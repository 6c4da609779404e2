using System.Net;
using System.Net.Sockets;
using XenActors.Remote.Transport;

namespace XenActors.Remote.Tests.Transport;

/// <summary>
/// A reader thread writes inline only while <see cref="Connection.CanSendNow"/> promises the send will not block; it
/// polls the socket only now and then, so the promise must still hold when the peer has stopped reading.
/// </summary>
public sealed class ConnectionSpec
{
    [Fact]
    public void Must_say_a_send_would_block_before_a_peer_that_stopped_reading_fills_the_buffer()
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { SendBufferSize = 8 * 1024 };
        client.Connect(listener.LocalEndPoint!);
        using var stalled = listener.Accept(); // never reads
        stalled.ReceiveBufferSize = 8 * 1024;
        var connection = new Connection(client, inbound: false);
        var frame = new byte[300];
        var sent = 0;

        // Each inline write is sent at once, as a reader thread's end of run would. A promise that does not hold
        // blocks in Flush: the loop then never ends, and closing the sockets below is what frees it.
        var writer = new Thread(() =>
        {
            try
            {
                while (connection.CanSendNow(frame.Length))
                {
                    connection.WriteFrame(frame);
                    connection.Flush();
                    sent++;
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The close below freed a blocked send: the assertion reports it.
            }
        }) { IsBackground = true };
        writer.Start();
        var ended = writer.Join(TimeSpan.FromSeconds(20));
        if (!ended)
        {
            connection.Close();
            writer.Join();
        }

        Assert.True(ended, $"a send blocked after {sent} frames that CanSendNow allowed");
        Assert.True(sent > 8, $"only {sent} frames went before it said stop: it should let the buffer fill first");
    }
}
