using System.Collections.Concurrent;
using System.Threading.Channels;
using XenActors.Actor;
using XenActors.Dispatch.SysMsg;

namespace XenActors.Dispatch;

/// <summary>
/// An actor's mailbox: user messages in an unbounded single-reader <see cref="Channel{T}"/>, system messages in
/// their own queue that always goes first. At most one run is scheduled at a time (the status flag), so the actor
/// sees one message at a time and messages from one sender keep their order.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private static readonly UnboundedChannelOptions Options = new()
    {
        SingleReader = true,
        SingleWriter = false,
        AllowSynchronousContinuations = false,
    };

    private readonly Channel<Envelope> _user = Channel.CreateUnbounded<Envelope>(Options);
    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private readonly MessageDispatcher _dispatcher;
    private ActorCell _cell = null!;
    private int _status;
    private volatile bool _closed;

    public Mailbox(MessageDispatcher dispatcher) => _dispatcher = dispatcher;

    public void Attach(ActorCell cell) => _cell = cell;

    public bool IsClosed => _closed;

    public void Post(in Envelope envelope)
    {
        if (_closed || !_user.Writer.TryWrite(envelope))
        {
            _cell.System.DeadLetters.Tell(new Event.DeadLetter(envelope.Message, envelope.Sender, _cell.Self), envelope.Sender);
            return;
        }
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
        _system.Enqueue(message);
        TrySchedule();
    }

    public bool TryReadUser(out Envelope envelope) => _user.Reader.TryRead(out envelope);

    private void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle) _dispatcher.Schedule(this);
    }

    public void Execute()
    {
        try
        {
            ProcessSystemMessages();
            if (!_closed) ProcessUserMessages();
        }
        finally
        {
            Volatile.Write(ref _status, Idle);
            if (HasWork()) TrySchedule();
        }
    }

    private bool HasWork() =>
        !_system.IsEmpty || (!_closed && _cell.CanProcessUserMessages && (_cell.HasUnstashed || _user.Reader.TryPeek(out _)));

    private void ProcessSystemMessages()
    {
        while (_system.TryDequeue(out var message)) _cell.ProcessSystemMessage(message);
    }

    private void ProcessUserMessages()
    {
        var left = _dispatcher.Throughput;
        while (left-- > 0 && _cell.CanProcessUserMessages)
        {
            if (!_cell.TryTakeUnstashed(out var envelope) && !_user.Reader.TryRead(out envelope)) return;
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
        _user.Writer.TryComplete();
        DrainToDeadLetters();
    }

    private void DrainToDeadLetters()
    {
        while (_user.Reader.TryRead(out var envelope))
        {
            _cell.System.DeadLetters.Tell(new Event.DeadLetter(envelope.Message, envelope.Sender, _cell.Self), envelope.Sender);
        }
    }
}
