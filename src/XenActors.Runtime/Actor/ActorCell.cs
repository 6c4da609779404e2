using XenActors.Dispatch;
using XenActors.Dispatch.SysMsg;
using XenActors.Event;

namespace XenActors.Actor;

/// <summary>
/// The runtime half of an actor: its mailbox, behaviour stack, children, watchers and lifecycle state.
/// Everything here runs on the actor's own mailbox run, one message at a time, except where marked thread-safe.
/// Split by aspect like Akka's ActorCell: children, death watch, fault handling, receive timeout, stash, async.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;

    private readonly Mailbox _mailbox;
    private List<Receive>? _behaviours; // only actors that Become have a stack
    private ActorBase? _actor;
    private Envelope _current;
    private int _suspendCount;
    private volatile bool _terminating;
    private volatile bool _terminated;

    public ActorCell(ActorSystemImpl system, ActorPath path, Props props, IInternalActorRef parent, MessageDispatcher dispatcher)
    {
        System = system;
        Props = props;
        ParentRef = parent;
        SelfRef = new LocalActorRef(this, path);
        _mailbox = new Mailbox(dispatcher);
        _mailbox.Attach(this);
    }

    /// <summary>The cell whose message this thread is processing, if any.</summary>
    public static ActorCell? Current => t_current;

    internal static void SetCurrent(ActorCell? cell) => t_current = cell;

    public ActorSystemImpl System { get; }
    ActorSystem IActorContext.System => System;
    public Props Props { get; }
    public LocalActorRef SelfRef { get; }
    public IInternalActorRef ParentRef { get; }
    public IActorRef Self => SelfRef;
    public IActorRef Parent => ParentRef;
    public IActorRef Sender => _current.Sender ?? System.DeadLetters;
    public ActorBase? Actor => _actor;
    public bool IsTerminated => _terminated;
    public bool IsTerminating => _terminating;
    internal Mailbox Mailbox => _mailbox;

    /// <summary>User messages may run: created, not failed/suspended, not awaiting an async handler, not stopping.</summary>
    public bool CanProcessUserMessages => _actor is not null && _suspendCount == 0 && _asyncTask is null && !_terminating;

    // ---- entry points (thread-safe) ----

    public void Post(in Envelope envelope) => _mailbox.Post(envelope);

    public void SendSystemMessage(SystemMessage message) => _mailbox.PostSystem(message);

    /// <summary>Called once right after the cell is linked into its parent: creation runs on the actor's own thread.</summary>
    public void Start() => SendSystemMessage(Create.Instance);

    // ---- message processing (mailbox thread) ----

    public void ProcessSystemMessage(SystemMessage message)
    {
        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case Create: CreateActor(); break;
                case Watch w: AddWatcher(w.Watchee, w.Watcher); break;
                case Unwatch u: RemoveWatcher(u.Watchee, u.Watcher); break;
                case DeathWatchNotification d: WatchedActorTerminated(d); break;
                case Failed f: HandleChildFailure(f); break;
                case Suspend: SuspendSelf(); break;
                case Resume: ResumeSelf(); break;
                case Recreate r: Recreate(r.Cause); break;
                case Terminate: BeginTerminate(); break;
                case RunContinuation c: RunContinuationInContext(c); break;
                case AsyncHandlerCompleted a: AsyncCompleted(a.Task); break;
            }
        }
        catch (Exception ex) when (_actor is not null && !_terminated)
        {
            HandleInvokeFailure(ex);
        }
        finally
        {
            t_current = previous;
        }
    }

    public void Invoke(in Envelope envelope)
    {
        var previous = t_current;
        var previousContext = SynchronizationContext.Current;
        t_current = this;
        _current = envelope;
        SynchronizationContext.SetSynchronizationContext(AsyncContext);
        try
        {
            var message = envelope.Message;
            if (message is IAutoReceivedMessage) AutoReceive(message);
            else ReceiveMessage(message);
            if (_receiveTimeout is not null && message is not INotInfluenceReceiveTimeout) RescheduleReceiveTimeout();
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
            t_current = previous;
        }
    }

    private void ReceiveMessage(object message)
    {
        var behaviour = _behaviours is { Count: > 0 } stack ? stack[^1] : _actor!.Receive;
        if (!behaviour(message)) _actor!.InvokeUnhandled(message);
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case Terminated terminated:
                ReceiveMessage(terminated);
                break;
            case PoisonPill:
                Stop(Self);
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                break;
            case ActorSelectionMessage selection:
                XenActors.Actor.ActorSelection.Deliver(selection, SelfRef, _current.Sender);
                break;
            default:
                ReceiveMessage(message);
                break;
        }
    }

    // ---- behaviour stack ----

    public void Become(Receive receive)
    {
        var stack = _behaviours ??= new List<Receive>(2);
        if (stack.Count > 0) stack[^1] = receive;
        else stack.Add(receive);
    }

    public void BecomeStacked(Receive receive) => (_behaviours ??= new List<Receive>(2)).Add(receive);

    public void UnbecomeStacked()
    {
        if (_behaviours is { Count: > 0 } stack) stack.RemoveAt(stack.Count - 1);
    }

    public ILoggingAdapter GetLogger() => System.GetLogger(Self.Path.ToString(), _actor?.GetType());

    public IActorRef ActorOf(Props props, string? name = null) => AttachChild(props, name, systemService: false);

    public ActorSelection ActorSelection(string path) => XenActors.Actor.ActorSelection.Create(System, SelfRef, path);

    public override string ToString() => $"ActorCell({Self.Path})";
}
