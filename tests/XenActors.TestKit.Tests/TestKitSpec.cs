using Xunit.Sdk;
using XenActors.Actor;
using XenActors.TestKit;

namespace XenActors.TestKit.Tests;

public sealed class TestKitSpec : TestKit
{
    [Fact]
    public void ExpectMsg_must_fail_with_a_timeout_message_when_nothing_arrives()
    {
        var ex = Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(50)));
        Assert.Contains("Timeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("String", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_must_fail_on_a_message_of_another_type_or_value()
    {
        TestActor.Tell(1);
        Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>());
        TestActor.Tell("b");
        Assert.ThrowsAny<XunitException>(() => ExpectMsg("a"));
    }

    [Fact]
    public void ExpectNoMsg_must_fail_when_a_message_arrives()
    {
        TestActor.Tell("surprise");
        Assert.ThrowsAny<XunitException>(() => ExpectNoMsg(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void ExpectMsgAllOf_must_accept_any_order_and_reject_strangers()
    {
        TestActor.Tell(2);
        TestActor.Tell(1);
        ExpectMsgAllOf(1, 2);
        TestActor.Tell(1);
        TestActor.Tell(3);
        Assert.ThrowsAny<XunitException>(() => ExpectMsgAllOf(1, 2));
    }

    [Fact]
    public void FishForMessage_must_skip_until_the_predicate_holds()
    {
        foreach (var i in new[] { 1, 2, 3, 4 }) TestActor.Tell(i);
        Assert.Equal(3, FishForMessage<int>(i => i > 2));
        ExpectMsg(4);
    }

    [Fact]
    public void ReceiveWhile_must_stop_at_the_first_unwanted_message_and_leave_it()
    {
        foreach (var m in new object[] { 1, 2, "stop", 3 }) TestActor.Tell(m);
        var ints = ReceiveWhile(m => m is int i ? (int?)i : null, idle: TimeSpan.FromMilliseconds(200));
        Assert.Equal([1, 2], ints);
        ExpectMsg("stop");
        ExpectMsg(3);
    }

    [Fact]
    public void Within_must_fail_when_the_block_takes_longer_than_allowed()
    {
        // A block that is slow by itself (not an expectation, which Within would cap).
        using var never = new ManualResetEventSlim();
        Assert.ThrowsAny<XunitException>(() => Within(TimeSpan.FromMilliseconds(100), () => never.Wait(TimeSpan.FromMilliseconds(300))));
    }

    [Fact]
    public void Within_must_cap_expectations_inside_it_by_the_remaining_time()
    {
        var started = DateTime.UtcNow;
        Assert.ThrowsAny<XunitException>(() => Within(TimeSpan.FromMilliseconds(300), () => ExpectMsg<string>(TimeSpan.FromSeconds(30))));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AwaitAssert_must_pass_once_the_condition_becomes_true()
    {
        var flag = 0;
        _ = Task.Run(async () => { await Task.Yield(); Interlocked.Exchange(ref flag, 1); });
        AwaitAssert(() => Assert.Equal(1, Volatile.Read(ref flag)), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void AwaitAssert_must_rethrow_the_last_failure_when_time_runs_out()
    {
        var ex = Assert.ThrowsAny<XunitException>(() => AwaitAssert(() => Assert.Equal(1, 2), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20)));
        Assert.Contains("Assert.Equal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AwaitCondition_must_fail_with_the_given_message()
    {
        var ex = Assert.ThrowsAny<XunitException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), "pciback never connected"));
        Assert.Contains("pciback never connected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventFilter_must_count_matching_errors_and_fail_on_a_wrong_count()
    {
        EventFilter.Error("disk").Expect(2, () =>
        {
            Sys.Log.Error("disk full");
            Sys.Log.Error("disk gone");
            Sys.Log.Error("other");
        });
        Assert.ThrowsAny<XunitException>(() => EventFilter.Error("disk").ExpectOne(() => { }));
    }

    [Fact]
    public void EventFilter_must_see_dead_letters_of_a_type()
    {
        EventFilter.DeadLetter<string>(s => s == "lost").ExpectOne(() => Sys.DeadLetters.Tell("lost"));
    }

    [Fact]
    public void Probe_must_reply_to_and_forward_with_the_original_sender()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("question", TestActor);
        probe.ExpectMsg("question");
        probe.Reply("answer");
        ExpectMsg("answer");
        Assert.Equal(probe.Ref, LastSender);

        var other = CreateTestProbe();
        probe.Ref.Tell("pass-on", TestActor);
        probe.ExpectMsg("pass-on");
        probe.Forward(other.Ref, "pass-on");
        other.ExpectMsg("pass-on");
        Assert.Equal(TestActor, other.LastSender);
    }

    [Fact]
    public async Task AutoPilot_must_answer_on_the_probes_behalf()
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(AutoPilot.KeepRunning((sender, message) => sender.Tell($"auto:{message}", probe.Ref)));
        Assert.Equal("auto:hi", await probe.Ref.Ask<string>("hi", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void IgnoreMessages_must_drop_matching_messages()
    {
        IgnoreMessages(m => m is int);
        TestActor.Tell(1);
        TestActor.Tell("kept");
        ExpectMsg("kept");
    }

    [Fact]
    public void ExpectTerminated_must_see_a_watched_actor_stop()
    {
        var probe = CreateTestProbe();
        Watch(probe.Ref);
        Sys.Stop(probe.Ref);
        ExpectTerminated(probe.Ref);
    }

    [Fact]
    public void Watch_must_return_only_once_the_test_actor_watches()
    {
        // A watch still in flight when the subject stops would see it as never having existed.
        for (var i = 0; i < 200; i++)
        {
            var probe = CreateTestProbe();
            Watch(probe.Ref);
            Sys.Stop(probe.Ref);
            Assert.True(ExpectTerminated(probe.Ref).ExistenceConfirmed, $"round {i}");
        }
    }

    [Fact]
    public void Must_give_an_Ask_without_its_own_timeout_the_TestKit_default()
    {
        Assert.Equal(Dilated(TestKitSettings.AskTimeout), Sys.Settings.AskTimeout);
    }
}
