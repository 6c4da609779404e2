using System.Diagnostics;
using XenActors.Hosting.Node.Bench;

namespace XenActors.Hosting.Tests.Bench;

/// <summary>The far end of the benchmarks' cross-process floors: a real process that echoes, and is gone after dispose.</summary>
public sealed class BenchResponderSpec
{
    [Fact]
    public async Task Must_echo_bare_frames_from_another_process_and_exit_when_disposed()
    {
        int pid;
        using (var responder = await BenchResponder.StartAsync(Path.Combine(AppContext.BaseDirectory, "xenactors.dll"), "secret"))
        {
            pid = responder.Pid;
            Assert.NotEqual(Environment.ProcessId, pid);

            var (_, latencies) = await BareSocketFloor.RunAsync(responder.RawPort, 2, 200, 128);

            Assert.Equal(200, latencies.Length);
            Assert.All(latencies, t => Assert.True(t > 0));
        }
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid)); // it exited, it was not left behind
    }
}
