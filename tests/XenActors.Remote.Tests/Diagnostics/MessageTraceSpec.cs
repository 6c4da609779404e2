using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Event;
using XenActors.Remote.Diagnostics;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests.Diagnostics;

public sealed class MessageTraceSpec(ITestOutputHelper output) : RemoteSpec(output)
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xa-trace-spec-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Must_write_a_send_on_one_node_and_the_matching_receive_on_the_other()
    {
        var (_, senderRemote) = NewNode("traced", Traced());
        var (receiver, receiverRemote) = NewNode("traced", Traced());
        var echo = receiver.ActorOf(Props.Create<Echo>(), "echo");
        Assert.Equal(42, await RefOn(senderRemote, echo, receiverRemote).Ask<int>(42, TimeSpan.FromSeconds(10)));
        await senderRemote.ShutdownAsync();
        await receiverRemote.ShutdownAsync();

        var sent = Lines(senderRemote.Address);
        var received = Lines(receiverRemote.Address);
        var request = Assert.Single(sent, l => l[1] == "S" && l[3] == "System.Int32");
        Assert.Equal($"127.0.0.1:{receiverRemote.Address.Port}", request[2]);
        var arrival = Assert.Single(received, l => l[1] == "R" && l[3] == "System.Int32" && l[2] == $"127.0.0.1:{senderRemote.Address.Port}");
        Assert.True(long.Parse(arrival[0]) >= long.Parse(request[0]), "the receive is stamped after the send (one clock for every process)");
        // The reply went back the other way.
        Assert.Contains(received, l => l[1] == "S" && l[3] == "System.Int32");
        Assert.Contains(sent, l => l[1] == "R" && l[3] == "System.Int32");
    }

    [Fact]
    public async Task Must_refuse_a_trace_directory_that_cannot_be_written_naming_the_key()
    {
        var file = Path.Combine(Path.GetTempPath(), "xa-trace-spec-file-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(file, "a file where the directory should be");
        try
        {
            var settings = Settings();
            settings.MessageTraceDirectory = Path.Combine(file, "sub");
            var system = ActorSystem.Create("traced", new XenActors.Configuration.ActorSystemSetup());
            try
            {
                var ex = Assert.Throws<ConfigurationException>(() => Remoting.Start(system, settings));
                Assert.Contains("xenactors:remote:messageTraceDirectory", ex.Message, StringComparison.Ordinal);
            }
            finally
            {
                await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Must_keep_delivering_and_say_once_that_the_trace_stopped_when_it_cannot_be_written()
    {
        // /dev/full takes the open and fails every write with ENOSPC, as a full disk would.
        var port = FreePort();
        Directory.CreateDirectory(_dir);
        File.CreateSymbolicLink(Path.Combine(_dir, $"127.0.0.1_{port}{MessageTrace.Extension}"), "/dev/full");
        var settings = Traced();
        settings.Port = port;
        var (other, otherRemote) = NewNode("traced", settings);
        var errors = new ConcurrentQueue<string>();
        other.EventStream.Subscribe<LogEvent>(e =>
        {
            if (e.Level >= LogLevel.Error) errors.Enqueue(e.Message);
        });
        var echo = RefOn(Remote, other.ActorOf(Props.Create<Echo>(), "echo"), otherRemote);
        Assert.Equal(42, await echo.Ask<int>(42, TimeSpan.FromSeconds(10)));
        AwaitCondition(() => errors.Any(e => e.StartsWith("message trace stopped", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
        Assert.Equal(7, await echo.Ask<int>(7, TimeSpan.FromSeconds(10)));
        Assert.Single(errors, e => e.StartsWith("message trace stopped", StringComparison.Ordinal));
    }

    [Fact]
    public void Must_refuse_a_blank_trace_directory_in_settings()
    {
        var settings = Settings();
        settings.MessageTraceDirectory = " ";
        var ex = Assert.Throws<ConfigurationException>(settings.Validate);
        Assert.Contains("messageTraceDirectory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_name_generic_types_in_one_word()
    {
        Assert.Equal("System.Collections.Generic.List<String>", MessageTrace.NameOf(typeof(List<string>)));
        Assert.DoesNotContain(' ', MessageTrace.NameOf(typeof(Dictionary<string, List<int>>)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private RemoteSettings Traced()
    {
        var settings = Settings();
        settings.MessageTraceDirectory = _dir;
        return settings;
    }

    private List<string[]> Lines(Address node)
    {
        var path = MessageTrace.FileFor(_dir, node);
        var lines = File.ReadAllLines(path);
        Assert.StartsWith(MessageTrace.Header, lines[0], StringComparison.Ordinal);
        return [.. lines.Skip(1).Select(l => l.Split(' '))];
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
