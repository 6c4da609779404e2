using XenActors.Actor;
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
