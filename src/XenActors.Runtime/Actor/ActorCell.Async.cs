using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

internal sealed partial class ActorCell
{
    private Task? _asyncTask;
    private ActorSynchronizationContext? _asyncContext;

    /// <summary>Continuations of awaits in a handler come back through the mailbox, so Context/Self/Sender stay valid.</summary>
    private ActorSynchronizationContext AsyncContext => _asyncContext ??= new ActorSynchronizationContext(this);

    /// <summary>An async handler returned: if it has not finished, hold user messages until it does (Akka's ReceiveAsync).</summary>
    internal void RunAsyncHandler(Task task)
    {
        if (task.IsCompleted)
        {
            if (task.IsFaulted) throw Unwrap(task.Exception!);
            return;
        }
        _asyncTask = task;
        task.ContinueWith(
            static (t, state) => ((ActorCell)state!).SendSystemMessage(new AsyncHandlerCompleted(t)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void RunContinuationInContext(RunContinuation continuation)
    {
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(AsyncContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }

    private void AsyncCompleted(Task task)
    {
        if (!ReferenceEquals(task, _asyncTask)) return;
        _asyncTask = null;
        if (task.IsFaulted) HandleInvokeFailure(Unwrap(task.Exception!));
        else if (task.IsCanceled) HandleInvokeFailure(new TaskCanceledException(task));
    }

    private static Exception Unwrap(AggregateException ex) => ex.InnerExceptions.Count == 1 ? ex.InnerExceptions[0] : ex;

    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
            if (cell.IsTerminated) ThreadPool.QueueUserWorkItem(s => d(s), state, preferLocal: false);
            else
            {
                Dispatch.CallerRuns.PostingContinuation = true;
                try
                {
                    cell.SendSystemMessage(new RunContinuation(d, state));
                }
                finally
                {
                    Dispatch.CallerRuns.PostingContinuation = false;
                }
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => d(state);

        public override SynchronizationContext CreateCopy() => this;
    }
}
