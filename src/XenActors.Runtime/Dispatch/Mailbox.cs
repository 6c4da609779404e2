using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.Dispatch.SysMsg;

namespace XenActors.Dispatch;

/// <summary>
/// An actor's mailbox: user messages in a lock-free <see cref="ConcurrentQueue{T}"/> (an unbounded Channel takes a
/// lock per write, which a hypervisor or XenStore actor written to by hundreds of drivers turned into the hottest
/// contention of a hot-plug scan), system messages in their own queue that always goes first. At most one run is scheduled at a time (the status flag), so the actor
/// sees one message at a time and messages from one sender keep their order.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly SystemMessageQueue _system = new();
    private ConcurrentQueue<Envelope>? _user; // created on the first user message: many actors never get one before they stop
    private readonly MessageDispatcher _dispatcher;
    private ActorCell _cell = null!;
    private int _status;
    private volatile bool _closed;

    public Mailbox(MessageDispatcher dispatcher) => _dispatcher = dispatcher;

    public void Attach(ActorCell cell) => _cell = cell;

    public bool IsClosed => _closed;

    /// <summary>No run scheduled or running (specs wait for it before they post from a chosen thread).</summary>
    internal bool IsIdle => Volatile.Read(ref _status) == Idle;

    private ConcurrentQueue<Envelope> User
    {
        get
        {
            var user = Volatile.Read(ref _user);
            if (user is not null) return user;
            Interlocked.CompareExchange(ref _user, new ConcurrentQueue<Envelope>(), null);
            return _user!;
        }
    }

    public void Post(in Envelope envelope)
    {
        if (_closed)
        {
            _cell.System.DeadLetters.Tell(new Event.DeadLetter(envelope.Message, envelope.Sender, _cell.Self), envelope.Sender);
            return;
        }
        User.Enqueue(envelope);
        if (_closed)
        {
            // Closed between the check and the write: the drain may have missed it.
            DrainToDeadLetters();
            return;
        }
        TrySchedule();
    }

    public void PostSystem(SystemMessage message)
    {
        _system.Push(message);
        TrySchedule();
    }

    private void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle && !CallerRuns.TryTake(this, _dispatcher)) _dispatcher.Schedule(this);
    }

    /// <summary>A run taken by <see cref="CallerRuns"/> that its thread gives back.</summary>
    internal void ScheduleOnDispatcher() => _dispatcher.Schedule(this);

    public void Execute()
    {
        var outermost = EndOfRun.Enter();
        try
        {
            ProcessSystemMessages();
            if (!_closed) ProcessUserMessages();
        }
        finally
        {
            if (outermost) EndOfRun.Exit();
            // A full fence, not a release store: the store to _status must be visible before HasWork reads the
            // queues. Otherwise (store→load reordering) a poster can enqueue, see Scheduled and skip scheduling
            // while this run saw an empty queue — a lost wakeup that left hot-plug handlers waiting forever.
            Interlocked.Exchange(ref _status, Idle);
            if (HasWork()) TrySchedule();
        }
    }

    private bool HasWork() =>
        !_system.IsEmpty || (!_closed && _cell.CanProcessUserMessages && (_cell.HasUnstashed || (_user is { } user && !user.IsEmpty)));

    private void ProcessSystemMessages()
    {
        // Messages pushed while these run are taken by the next round, in order.
        for (var batch = _system.TakeAllInOrder(); batch is not null; batch = _system.TakeAllInOrder())
        {
            for (var node = batch; node is not null; node = node.Next) _cell.ProcessSystemMessage(node.Message);
        }
    }

    private void ProcessUserMessages()
    {
        var left = _dispatcher.Throughput;
        while (left-- > 0 && _cell.CanProcessUserMessages)
        {
            if (!_cell.TryTakeUnstashed(out var envelope) && (_user is not { } user || !user.TryDequeue(out envelope))) return;
            _cell.Invoke(envelope);
            if (!_system.IsEmpty)
            {
                ProcessSystemMessages();
                if (_closed) return;
            }
        }
    }

    /// <summary>Closes for good: later messages and those still queued go to dead letters.</summary>
    public void Close()
    {
        _closed = true;
        DrainToDeadLetters();
    }

    private void DrainToDeadLetters()
    {
        while (_user is { } user && user.TryDequeue(out var envelope))
        {
            _cell.System.DeadLetters.Tell(new Event.DeadLetter(envelope.Message, envelope.Sender, _cell.Self), envelope.Sender);
        }
    }
}
