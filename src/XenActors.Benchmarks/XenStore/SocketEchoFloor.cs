using System.Net.Sockets;

namespace XenActors.Benchmarks.XenStore;

/// <summary>
/// The floor for socket cases: a unix-socket server that does nothing but send back the bytes it
/// received, with a blocking thread per client. Measured with the same clients as xenstored, it is
/// what the kernel and the scheduler cost per round trip on this machine, now, under its current load.
/// </summary>
public sealed class SocketEchoFloor : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _accepted = [];
    private readonly Thread _acceptThread;

    public SocketEchoFloor(string path)
    {
        Path = path;
        if (File.Exists(path))
            File.Delete(path);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(512);
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "echo-floor-accept" };
        _acceptThread.Start();
    }

    public string Path { get; }

    private void AcceptLoop()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_accepted)
                _accepted.Add(client);
            new Thread(() => Echo(client)) { IsBackground = true, Name = "echo-floor" }.Start();
        }
    }

    private static void Echo(Socket client)
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var n = client.Receive(buffer);
                if (n == 0)
                    return;
                client.Send(buffer.AsSpan(0, n));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_accepted)
        {
            foreach (var s in _accepted)
                s.Dispose();
        }
        _acceptThread.Join();
        if (File.Exists(Path))
            File.Delete(Path);
    }
}
