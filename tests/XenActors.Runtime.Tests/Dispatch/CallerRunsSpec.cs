using XenActors.Actor;
using XenActors.Dispatch;

namespace XenActors.Runtime.Tests.Dispatch;

/// <summary>
/// A thread that delivers messages from outside (a remoting reader) runs the actors it wakes itself, trampolined and
/// bounded, and gives back what it does not run; sends an actor defers to the end of its run happen when it ends.
/// </summary>
public sealed class CallerRunsSpec : TestKit.TestKit
{
    /// <summary>Reports the thread it runs on; forwards to <c>next</c> first when it has one.</summary>
    private sealed class Where(IActorRef report, IActorRef? next) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            next?.Tell(message, Self);
            report.Tell(Environment.CurrentManagedThreadId);
        }
    }

    private sealed class Recorder(List<string> log) : IEndOfRunAction
    {
        public void AtEndOfRun() => log.Add("end of run");
    }

    private sealed class Deferring(List<string> log, IActorRef report) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            log.Add($"deferred: {EndOfRun.TryDefer(new Recorder(log))}");
            log.Add("handler done");
            report.Tell("ran");
        }
    }

    /// <summary>Started and idle, so the next message schedules a new run from the sending thread.</summary>
    private IActorRef Idle(IActorRef actor, int reports)
    {
        actor.Tell("warm-up");
        for (var i = 0; i < reports; i++) ExpectMsg<int>();
        AwaitCondition(() => ((LocalActorRef)actor).Cell.Mailbox.IsIdle);
        return actor;
    }

    /// <summary>Sets <c>received</c> on its first message.</summary>
    private sealed class Signaller(ManualResetEventSlim received) : UntypedActor
    {
        protected override void OnReceive(object message) => received.Set();
    }

    /// <summary>Asks <c>target</c> from its own run and reports the pending answer.</summary>
    private sealed class Asker(IActorRef target, IActorRef report) : UntypedActor
    {
        protected override void OnReceive(object message) => report.Tell(target.Ask<string>("question", TimeSpan.FromSeconds(30)));
    }

    /// <summary>An ask pending at a probe, and the promise ref the probe would answer.</summary>
    private (Task<string> Ask, IActorRef Promise) PendingAsk(bool fromActor)
    {
        var probe = CreateTestProbe();
        Task<string> ask;
        if (fromActor)
        {
            Sys.ActorOf(Props.Create(() => new Asker(probe.Ref, TestActor))).Tell("go");
            ask = ExpectMsg<Task<string>>();
        }
        else
        {
            ask = probe.Ref.Ask<string>("question", TimeSpan.FromSeconds(30));
        }
        probe.ExpectMsg("question");
        return (ask, probe.LastSender);
    }

    // The calling threads stay alive until the spec ends: a managed thread id is reused once its thread is gone, and
    // a pool thread started later could then report the caller's id.
    private readonly ManualResetEventSlim _callersMayEnd = new();

    private T OnThread<T>(Func<T> body)
    {
        T result = default!;
        Exception? failure = null;
        using var done = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            done.Set();
            _callersMayEnd.Wait();
        }) { IsBackground = true };
        thread.Start();
        done.Wait();
        return failure is null ? result : throw new InvalidOperationException("the calling thread failed", failure);
    }

    protected override void Dispose(bool disposing)
    {
        _callersMayEnd.Set();
        base.Dispose(disposing);
    }

    [Fact]
    public void Must_run_the_actors_it_wakes_and_those_they_wake_on_the_calling_thread()
    {
        var second = Idle(Sys.ActorOf(Props.Create(() => new Where(TestActor, null))), 1);
        var first = Idle(Sys.ActorOf(Props.Create(() => new Where(TestActor, second))), 2);
        AwaitCondition(() => ((LocalActorRef)second).Cell.Mailbox.IsIdle);
        var caller = OnThread(() =>
        {
            var runs = CallerRuns.Install(limit: 8, () => false);
            first.Tell("go");
            runs.RunPending();
            runs.Uninstall();
            return Environment.CurrentManagedThreadId;
        });
        Assert.Equal(caller, ExpectMsg<int>());
        Assert.Equal(caller, ExpectMsg<int>());
    }

    [Fact]
    public void Must_give_back_to_the_dispatcher_what_it_does_not_run()
    {
        var second = Idle(Sys.ActorOf(Props.Create(() => new Where(TestActor, null))), 1);
        var first = Idle(Sys.ActorOf(Props.Create(() => new Where(TestActor, second))), 2);
        AwaitCondition(() => ((LocalActorRef)second).Cell.Mailbox.IsIdle);
        var caller = OnThread(() =>
        {
            // One run only: the second actor, woken by the first, goes to the thread pool.
            var runs = CallerRuns.Install(limit: 1, () => false);
            first.Tell("go");
            runs.RunPending();
            runs.Uninstall();
            return Environment.CurrentManagedThreadId;
        });
        var threads = new[] { ExpectMsg<int>(), ExpectMsg<int>() };
        Assert.Contains(caller, threads);
        Assert.Contains(threads, t => t != caller);
    }

    [Fact]
    public void Must_give_everything_back_when_the_thread_has_other_work_or_stops_taking_runs()
    {
        var actor = Idle(Sys.ActorOf(Props.Create(() => new Where(TestActor, null))), 1);
        var caller = OnThread(() =>
        {
            var runs = CallerRuns.Install(limit: 8, () => true);
            actor.Tell("yielded");
            runs.RunPending();
            runs.Uninstall();
            return Environment.CurrentManagedThreadId;
        });
        Assert.NotEqual(caller, ExpectMsg<int>());
        AwaitCondition(() => ((LocalActorRef)actor).Cell.Mailbox.IsIdle);

        caller = OnThread(() =>
        {
            var runs = CallerRuns.Install(limit: 8, () => false);
            actor.Tell("never run here");
            runs.Uninstall();
            return Environment.CurrentManagedThreadId;
        });
        Assert.NotEqual(caller, ExpectMsg<int>());
    }

    [Fact]
    public void Must_run_deferred_end_of_run_actions_after_the_handler_and_refuse_them_outside_a_run()
    {
        var log = new List<string>();
        Assert.False(EndOfRun.TryDefer(new Recorder(log)));
        var actor = Sys.ActorOf(Props.Create(() => new Deferring(log, TestActor)));
        actor.Tell("go");
        ExpectMsg("ran");
        AwaitCondition(() => { lock (log) return log.Count == 3; });
        Assert.Equal(["deferred: True", "handler done", "end of run"], log);
    }

    [Fact]
    public async Task Must_run_the_code_awaiting_an_actors_ask_here_but_send_the_actors_it_wakes_to_the_pool()
    {
        using var received = new ManualResetEventSlim();
        var worker = Sys.ActorOf(Props.Create(() => new Signaller(received)));
        var (ask, promise) = PendingAsk(fromActor: true);
        var continuedOn = 0;
        // Code after an await may block on what it asked an actor to do: if that actor waited for this thread, never.
        var continued = ask.ContinueWith(_ =>
        {
            continuedOn = Environment.CurrentManagedThreadId;
            worker.Tell("wake up");
            return received.Wait(TimeSpan.FromSeconds(20));
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var caller = AnswerOnDeliveringThread(promise);
        Assert.Equal(caller, continuedOn);
        Assert.True(await continued, "the actor woken by the awaiting code never ran");
    }

    [Fact]
    public async Task Must_keep_the_code_awaiting_an_ask_made_outside_an_actor_off_the_delivering_thread()
    {
        // A test awaiting without a context and then blocking on a probe must not block a thread that delivers.
        var (ask, promise) = PendingAsk(fromActor: false);
        var continuedOn = ask.ContinueWith(_ => Environment.CurrentManagedThreadId, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var caller = AnswerOnDeliveringThread(promise);
        Assert.NotEqual(caller, await continuedOn);
    }

    private int AnswerOnDeliveringThread(IActorRef promise) => OnThread(() =>
    {
        var runs = CallerRuns.Install(limit: 8, () => false);
        promise.Tell("answer");
        runs.RunPending();
        runs.Uninstall();
        return Environment.CurrentManagedThreadId;
    });
}
