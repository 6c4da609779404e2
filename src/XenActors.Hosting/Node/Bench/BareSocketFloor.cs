using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using XenActors.Remote.Wire;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// The floor: the same ping-pong over one bare TCP connection with the same 4-byte length framing and frames of
/// the same size as the transport's, pairs multiplexed by an id in the frame, no serialization and no actors. Both
/// ends are driven by blocking calls on a thread of their own, as the transport's connections are (an asynchronous
/// socket pays a thread-pool hop per receive, and the floor would then be slower than what it measures): one thread
/// per end receives a batch of frames and answers each of them in one send.
/// </summary>
public static class BareSocketFloor
{
    private const int MaximumFrame = 1 << 20;

    /// <summary>
    /// Echoes frames back, one send per received batch, a thread per connection; accepts on a thread of its own (a
    /// blocking accept, so no asynchronous operation touches the sockets). Ends when the listener is disposed.
    /// </summary>
    public static Task ServeAsync(Socket listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return Task.Factory.StartNew(() =>
        {
            while (true)
            {
                Socket socket;
                try { socket = listener.Accept(); }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return; }
                new Thread(() => Echo(socket)) { IsBackground = true, Name = "bare floor echo" }.Start();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static void Echo(Socket socket)
    {
        using var echoed = socket;
        socket.NoDelay = true;
        var frames = new FrameBuffer(MaximumFrame);
        var replies = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (frames.Receive(socket))
            {
                Framing.Result result;
                while ((result = frames.TryTake(out var frame, out _)) == Framing.Result.Frame)
                {
                    var span = replies.GetSpan(4 + (int)frame.Length);
                    BinaryPrimitives.WriteInt32LittleEndian(span, (int)frame.Length);
                    frame.CopyTo(span[4..]);
                    replies.Advance(4 + (int)frame.Length);
                }
                if (result == Framing.Result.BadLength) return; // not our framing: close
                SendAll(socket, replies);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
    }

    /// <summary>Runs <paramref name="pairs"/> concurrent ping-pongs of <paramref name="roundTrips"/> in total; returns elapsed and latencies.</summary>
    public static Task<(TimeSpan Elapsed, long[] Latencies)> RunAsync(int port, int pairs, int roundTrips, int frameSize) =>
        Task.Factory.StartNew(() => Run(port, pairs, roundTrips, frameSize), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static (TimeSpan Elapsed, long[] Latencies) Run(int port, int pairs, int roundTrips, int frameSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pairs);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(IPAddress.Loopback, port);
        var body = Math.Max(8, frameSize - 4);
        var perPair = roundTrips / pairs;
        var latencies = new long[perPair * pairs];
        var sent = new long[pairs];
        var done = new int[pairs];
        var requests = new ArrayBufferWriter<byte>(4096);
        var frames = new FrameBuffer(MaximumFrame);
        var watch = Stopwatch.StartNew();
        var outstanding = 0;
        for (var pair = 0; pair < pairs && perPair > 0; pair++, outstanding++)
            sent[pair] = Request(requests, pair, body);
        SendAll(socket, requests);
        while (outstanding > 0)
        {
            if (!frames.Receive(socket)) throw new InvalidDataException("the bare floor's echo closed the connection");
            Framing.Result result;
            int length;
            while ((result = frames.TryTake(out var frame, out length)) == Framing.Result.Frame)
            {
                var pair = ReadId(frame);
                latencies[(pair * perPair) + done[pair]] = Stopwatch.GetTimestamp() - sent[pair];
                if (++done[pair] < perPair) sent[pair] = Request(requests, pair, body);
                else outstanding--;
            }
            if (result == Framing.Result.BadLength) throw new InvalidDataException($"the bare floor's echo sent a frame of length {length}");
            SendAll(socket, requests);
        }
        var elapsed = watch.Elapsed;
        socket.Shutdown(SocketShutdown.Both);
        return (elapsed, latencies);
    }

    private static int ReadId(ReadOnlySequence<byte> frame)
    {
        Span<byte> id = stackalloc byte[4];
        frame.Slice(0, 4).CopyTo(id);
        return BinaryPrimitives.ReadInt32LittleEndian(id);
    }

    private static long Request(ArrayBufferWriter<byte> requests, int pair, int body)
    {
        var span = requests.GetSpan(4 + body);
        BinaryPrimitives.WriteInt32LittleEndian(span, body);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], pair);
        span.Slice(8, body - 4).Clear();
        requests.Advance(4 + body);
        return Stopwatch.GetTimestamp();
    }

    private static void SendAll(Socket socket, ArrayBufferWriter<byte> pending)
    {
        var span = pending.WrittenSpan;
        while (span.Length > 0) span = span[socket.Send(span)..];
        pending.ResetWrittenCount();
    }
}
