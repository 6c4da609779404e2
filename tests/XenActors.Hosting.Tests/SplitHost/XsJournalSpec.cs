using XenActors.Actor;
using XenActors.Hosting.SplitHost;
using XenActors.Xen.XenStore;

namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>The xen node's write journal relays every committed write to its subscribers, and listens only while it has one.</summary>
public sealed class XsJournalSpec : TestKit.TestKit
{
    private bool Listening => Sys.EventStream.HasSubscribers(typeof(XsNodeWritten));

    [Fact]
    public async Task Must_relay_writes_only_while_someone_subscribes()
    {
        var journal = Sys.ActorOf(XsJournal.Props(), XsJournal.Name);
        var subscriber = CreateTestProbe();
        // An Identify answered means the journal has started: it must not be listening yet.
        await journal.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(5));
        Assert.False(Listening);

        await journal.Ask<XsJournalSubscribed>(new XsJournalSubscribe(subscriber.Ref), TimeSpan.FromSeconds(5));
        Assert.True(Listening);
        var written = new XsNodeWritten(1, "/local/domain/1/backend/pci/2/0/state", "7");
        Sys.EventStream.Publish(written);
        Assert.Equal(written, subscriber.ExpectMsg<XsNodeWritten>());

        // The last subscriber gone, the journal stops listening, so the XenStore actor stops making write events.
        Sys.Stop(subscriber.Ref);
        AwaitCondition(() => !Listening, TimeSpan.FromSeconds(5));
    }
}
