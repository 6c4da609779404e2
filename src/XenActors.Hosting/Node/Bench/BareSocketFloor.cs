using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using XenActors.Remote.Wire;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// The floor: the same ping-pong over one bare TCP connection with the same 4-byte length framing and frames of
/// the same size as the transport's, pairs multiplexed by an id in the frame, no serialization and no actors.
/// </summary>
public static class BareSocketFloor
{
    /// <summary>Echoes frames back, flushing once per read batch. Runs until the listener is disposed.</summary>
    public static async Task ServeAsync(Socket listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        while (true)
        {
            Socket socket;
            try { socket = await listener.AcceptAsync().ConfigureAwait(false); }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(async () =>
            {
                socket.NoDelay = true;
                await using var stream = new NetworkStream(socket, ownsSocket: true);
                var reader = PipeReader.Create(stream);
                var writer = PipeWriter.Create(stream);
                try
                {
                    while (true)
                    {
                        var result = await reader.ReadAsync().ConfigureAwait(false);
                        var buffer = result.Buffer;
                        while (Framing.TryReadFrame(ref buffer, 1 << 20, out var frame, out _) == Framing.Result.Frame)
                        {
                            var span = writer.GetSpan(4 + (int)frame.Length);
                            BinaryPrimitives.WriteInt32LittleEndian(span, (int)frame.Length);
                            frame.CopyTo(span[4..]);
                            writer.Advance(4 + (int)frame.Length);
                        }
                        reader.AdvanceTo(buffer.Start, buffer.End);
                        await writer.FlushAsync().ConfigureAwait(false);
                        if (result.IsCompleted) return;
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException) { }
            });
        }
    }

    private static int ReadId(ReadOnlySequence<byte> frame)
    {
        Span<byte> id = stackalloc byte[4];
        frame.Slice(0, 4).CopyTo(id);
        return BinaryPrimitives.ReadInt32LittleEndian(id);
    }

    /// <summary>Runs <paramref name="pairs"/> concurrent ping-pongs of <paramref name="roundTrips"/> in total; returns elapsed and latencies.</summary>
    public static async Task<(TimeSpan Elapsed, long[] Latencies)> RunAsync(int port, int pairs, int roundTrips, int frameSize)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        var gate = new SemaphoreSlim(1, 1);
        var waiting = new TaskCompletionSource[pairs];
        var body = Math.Max(8, frameSize - 4);
        var readLoop = Task.Run(async () =>
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (Framing.TryReadFrame(ref buffer, 1 << 20, out var frame, out _) == Framing.Result.Frame)
                {
                    waiting[ReadId(frame)].TrySetResult();
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) return;
            }
        });
        var perPair = roundTrips / pairs;
        var latencies = new long[perPair * pairs];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, pairs).Select(pair => Task.Run(async () =>
        {
            for (var i = 0; i < perPair; i++)
            {
                var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting[pair] = reply;
                var start = Stopwatch.GetTimestamp();
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    var span = writer.GetSpan(4 + body);
                    BinaryPrimitives.WriteInt32LittleEndian(span, body);
                    BinaryPrimitives.WriteInt32LittleEndian(span[4..], pair);
                    span.Slice(8, body - 4).Clear();
                    writer.Advance(4 + body);
                    await writer.FlushAsync().ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
                await reply.Task.ConfigureAwait(false);
                latencies[pair * perPair + i] = Stopwatch.GetTimestamp() - start;
            }
        }))).ConfigureAwait(false);
        var elapsed = watch.Elapsed;
        socket.Shutdown(SocketShutdown.Both);
        try { await readLoop.ConfigureAwait(false); } catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException) { }
        return (elapsed, latencies);
    }
}
