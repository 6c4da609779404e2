using XenActors.Actor;
using XenActors.Event;

namespace XenActors.Runtime.Tests.Event;

public sealed class EventStreamSpec : TestKit.TestKit
{
    private record BaseEvent(int N);
    private sealed record DerivedEvent(int N) : BaseEvent(N);

    [Fact]
    public void Must_deliver_an_event_to_subscribers_of_its_type_and_base_types()
    {
        var derivedProbe = CreateTestProbe();
        Sys.EventStream.Subscribe<BaseEvent>(TestActor);
        Sys.EventStream.Subscribe<DerivedEvent>(derivedProbe.Ref);
        Sys.EventStream.Publish(new DerivedEvent(1));
        Sys.EventStream.Publish(new BaseEvent(2));
        ExpectMsg(new DerivedEvent(1));
        ExpectMsg(new BaseEvent(2));
        derivedProbe.ExpectMsg(new DerivedEvent(1));
        derivedProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Must_stop_delivering_after_unsubscribe()
    {
        Sys.EventStream.Subscribe<BaseEvent>(TestActor);
        Assert.False(Sys.EventStream.Subscribe<BaseEvent>(TestActor)); // idempotent
        Assert.True(Sys.EventStream.Unsubscribe(TestActor, typeof(BaseEvent)));
        Sys.EventStream.Publish(new BaseEvent(3));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Must_call_callback_subscribers_synchronously_until_disposed()
    {
        var seen = new List<int>();
        var subscription = Sys.EventStream.Subscribe<BaseEvent>(e => seen.Add(e.N));
        Sys.EventStream.Publish(new BaseEvent(1));
        subscription.Dispose();
        Sys.EventStream.Publish(new BaseEvent(2));
        Assert.Equal([1], seen);
        Assert.False(Sys.EventStream.HasSubscribers(typeof(BaseEvent)));
    }
}
