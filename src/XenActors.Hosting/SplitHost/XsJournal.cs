using XenActors.Actor;
using XenActors.Xen.XenStore;

namespace XenActors.Hosting.SplitHost;

/// <summary>
/// The xen node's XenStore write journal (<c>/user/xs-journal</c>): relays the XenStore actor's
/// <see cref="XsNodeWritten"/> events, which it publishes in commit order, to subscribers in other processes. Unlike
/// watches, which may coalesce, every write (every <c>state</c> / <c>state-N</c> value) arrives, in order: one
/// journal, one connection per subscriber. A subscriber that dies is dropped.
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
            if (_subscribers.Add(s.Subscriber)) Context.Watch(s.Subscriber);
            Sender.Tell(new XsJournalSubscribed(_delivered));
        });
        Receive<XsNodeWritten>(w =>
        {
            _delivered++;
            foreach (var s in _subscribers) s.Tell(w, ActorRefs.NoSender);
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
    }

    public static Props Props() => Actor.Props.Create(() => new XsJournal());

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(XsNodeWritten));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
