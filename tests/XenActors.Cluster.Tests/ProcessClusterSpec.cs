using XenActors.Cluster.Control;
using XenActors.TestKit.MultiNode;
using Xunit.Abstractions;

namespace XenActors.Cluster.Tests;

/// <summary>Real node processes on real loopback sockets, driven by the multi-node harness.</summary>
public sealed class ProcessClusterSpec(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly NodeProcessHarness _harness = new(NodeProcessHarness.LocateXenactorsDll(), output);

    [Fact]
    public async Task Must_form_five_processes_from_two_seeds_remove_a_killed_one_everywhere_and_take_it_back_as_a_new_incarnation()
    {
        var ports = FreePorts.Take(5);
        var seeds = ports.Take(2).ToArray();
        var nodes = ports.Select((p, i) => _harness.StartNode($"node-{i + 1}", p, seeds, i == 0 ? "dom0" : "domU")).ToList();
        await _harness.AwaitMembersUpAsync(5, nodes, Generous);
        await _harness.EnterBarrierAsync("formed", nodes);

        var victim = nodes[4];
        var oldUid = (await _harness.StateAsync(nodes[0]))!.Members.Single(m => m.Address == victim.Address).Uid;
        NodeProcessHarness.Kill(victim);
        var survivors = nodes.Take(4).ToList();
        // Configured: ~1.5 s pause + 2 s stable-after + removal rounds; allow far more on a loaded machine.
        await _harness.AwaitMembersUpAsync(4, survivors, TimeSpan.FromSeconds(45));

        var reborn = _harness.StartNode("node-5", victim.Port, seeds);
        await _harness.AwaitMembersUpAsync(5, [.. survivors, reborn], Generous);
        var members = (await _harness.StateAsync(nodes[0]))!.Members;
        Assert.DoesNotContain(members, m => m.Uid == oldUid);
        Assert.Contains(members, m => m.Address == victim.Address);
    }

    [Fact]
    public async Task Must_down_a_blackholed_process_and_let_the_majority_go_on()
    {
        var ports = FreePorts.Take(3);
        var nodes = ports.Select((p, i) => _harness.StartNode($"node-{i + 1}", p, ports.Take(2))).ToList();
        await _harness.AwaitMembersUpAsync(3, nodes, Generous);
        var minority = nodes[2];
        foreach (var majority in nodes.Take(2))
        {
            await _harness.FaultAsync(majority, "blackhole", minority);
            await _harness.FaultAsync(minority, "blackhole", majority);
        }
        await _harness.AwaitMembersUpAsync(2, nodes.Take(2), Generous);
        await NodeProcessHarness.AwaitAsync(() => Task.FromResult(minority.HasExited), Generous, "the downed process to exit");
    }

    [Fact]
    public async Task Must_refuse_a_process_with_a_wrong_secret()
    {
        var ports = FreePorts.Take(2);
        var seed = _harness.StartNode("seed", ports[0], [ports[0]]);
        await _harness.AwaitMembersUpAsync(1, [seed], Generous);
        var intruder = _harness.StartNode("intruder", ports[1], [ports[0]], secret: "not-the-secret");
        await NodeProcessHarness.AwaitAsync(() => Task.FromResult(seed.Logged("wrong cluster secret")), Generous, "the seed to log the refusal");
        var state = await _harness.StateAsync(seed);
        Assert.DoesNotContain(state!.Members, m => m.Address == intruder.Address);
    }

    [Fact]
    public async Task Must_deliver_100000_messages_between_two_processes_in_order_without_duplicates()
    {
        var port = FreePorts.Take(1)[0];
        var node = _harness.StartNode("echo", port, [port]);
        await _harness.AwaitMembersUpAsync(1, [node], Generous);
        var probe = new XenActors.TestKit.TestProbe(_harness.Conductor);
        const int count = 100_000;
        for (var i = 0; i < count; i++) _harness.Tell(node, new ControlMessages.Ping(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), probe.Ref);
        for (var i = 0; i < count; i++)
        {
            var pong = probe.ExpectMsg<ControlMessages.Pong>(TimeSpan.FromSeconds(30));
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), pong.Barrier);
        }
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    public void Dispose() => _harness.Dispose();
}
