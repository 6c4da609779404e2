using XenActors.Actor;
using XenActors.Xen.XenStore;

namespace XenActors.Hosting.SplitHost;

/// <summary>
/// The xen node's XenStore write journal (<c>/user/xs-journal</c>): relays the XenStore actor's
/// <see cref="XsNodeWritten"/> events, which it publishes in commit order, to subscribers in other processes. Unlike
/// watches, which may coalesce, every write (every <c>state</c> / <c>state-N</c> value) arrives, in order: one
/// journal, one connection per subscriber. A subscriber that dies is dropped; with none, the journal does not listen.
/// </summary>
public sealed class XsJournal : ReceiveActor
{
    public const string Name = "xs-journal";

    private readonly HashSet<IActorRef> _subscribers = [];
    private long _delivered;

    public XsJournal()
    {
        Receive<XsJournalSubscribe>(s =>
        {
            if (_subscribers.Add(s.Subscriber))
            {
                Context.Watch(s.Subscriber);
                // Listening only while someone subscribes: the XenStore actor makes and publishes a write's event
                // only when the event stream has a subscriber, and no probe is attached on most runs.
                if (_subscribers.Count == 1) Context.System.EventStream.Subscribe(Self, typeof(XsNodeWritten));
            }
            Sender.Tell(new XsJournalSubscribed(_delivered));
        });
        Receive<XsNodeWritten>(w =>
        {
            _delivered++;
            foreach (var s in _subscribers) s.Tell(w, ActorRefs.NoSender);
        });
        Receive<Terminated>(t =>
        {
            if (_subscribers.Remove(t.ActorRef) && _subscribers.Count == 0) Context.System.EventStream.Unsubscribe(Self, typeof(XsNodeWritten));
        });
    }

    public static Props Props() => Actor.Props.Create(() => new XsJournal());

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
