using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

internal sealed partial class ActorCell
{
    private Dictionary<IActorRef, ChildRestartStats>? _childStats;
    private Exception? _pendingRecreateCause;
    private object? _failedMessage;

    /// <summary>Runs the constructor (and PreStart) on the actor's own thread; a throw stops it by default.</summary>
    private void CreateActor()
    {
        if (_terminating) return;
        try
        {
            _actor = NewActorInstance();
            _actor.InvokePreStart();
        }
        catch (Exception ex)
        {
            _actor ??= FailedActor.Instance(this);
            HandleInvokeFailure(ex is ActorInitializationException ? ex : new ActorInitializationException(Self, $"exception during creation of {Self.Path}", ex));
        }
    }

    private ActorBase NewActorInstance()
    {
        var previous = t_current;
        t_current = this;
        try
        {
            _behaviours?.Clear();
            var actor = Props.NewActor();
            actor.OnConstructed();
            if (actor is IWithStash withStash) withStash.Stash = new CellStash(this);
            return actor;
        }
        finally
        {
            t_current = previous;
        }
    }

    /// <summary>The actor threw: suspend it and its children and ask the parent what to do.</summary>
    internal void HandleInvokeFailure(Exception cause)
    {
        if (_terminating || _terminated)
        {
            System.GetLogger(Self.Path.ToString(), null).Error(cause, "exception while stopping");
            return;
        }
        _failedMessage = _current.Message;
        _asyncTask = null;
        _suspendCount++;
        foreach (var child in ChildRefs) child.SendSystemMessage(Suspend.Instance);
        ParentRef.SendSystemMessage(new Failed(Self, cause, Self.Path.Uid));
    }

    private void HandleChildFailure(Failed failed)
    {
        if (!TryGetChild(failed.Child.Path.Name, out var child) || child.Path.Uid != failed.Uid) return;
        var statsByChild = _childStats ??= new Dictionary<IActorRef, ChildRestartStats>();
        if (!statsByChild.TryGetValue(child, out var stats)) statsByChild[child] = stats = new ChildRestartStats(child);
        var strategy = _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        var allStats = ChildRefs.Select(c => statsByChild.TryGetValue(c, out var s) ? s : statsByChild[c] = new ChildRestartStats(c)).ToList();
        if (!strategy.HandleFailure(this, child, failed.Cause, stats, allStats))
        {
            // Escalate: fail ourselves with the child's exception.
            HandleInvokeFailure(failed.Cause);
        }
    }

    private void SuspendSelf()
    {
        _suspendCount++;
        foreach (var child in ChildRefs) child.SendSystemMessage(Suspend.Instance);
    }

    private void ResumeSelf()
    {
        if (_suspendCount > 0) _suspendCount--;
        foreach (var child in ChildRefs) child.SendSystemMessage(new Resume(null));
    }

    /// <summary>Restart: PreRestart on the old instance, wait for the children it stopped, then a fresh instance. The mailbox is kept.</summary>
    private void Recreate(Exception cause)
    {
        if (_terminating) return;
        var failed = _actor;
        if (failed is not null and not FailedActor)
        {
            try
            {
                failed.InvokePreRestart(cause, _failedMessage);
            }
            catch (Exception ex)
            {
                System.GetLogger(Self.Path.ToString(), failed.GetType()).Error(ex, "exception in PreRestart");
            }
        }
        UnstashAllOnRestart();
        _pendingRecreateCause = cause;
        // Children that PreRestart stopped keep their names until they are gone; only then may the new instance start.
        if (StoppingChildrenCount == 0) FinishRecreate();
    }

    private void FinishRecreate()
    {
        var cause = _pendingRecreateCause!;
        _pendingRecreateCause = null;
        _failedMessage = null;
        CancelReceiveTimeout();
        try
        {
            _actor = NewActorInstance();
            _suspendCount = 0;
            _actor.InvokePostRestart(cause);
            // Children that survived PreRestart are restarted with their parent, as in Akka.
            foreach (var child in ChildRefs) child.SendSystemMessage(new Recreate(cause));
        }
        catch (Exception ex)
        {
            _actor ??= FailedActor.Instance(this);
            HandleInvokeFailure(new ActorInitializationException(Self, $"exception during restart of {Self.Path}", ex));
        }
    }

    /// <summary>Stop: no more user messages; stop children first, then PostStop and tell watchers and parent.</summary>
    private void BeginTerminate()
    {
        if (_terminating || _terminated) return;
        _terminating = true;
        CancelReceiveTimeout();
        UnwatchWatchedActors();
        if (NoChildren)
        {
            FinishTerminate();
            return;
        }
        foreach (var child in ChildRefs) child.SendSystemMessage(Terminate.Instance);
    }

    private void FinishTerminate()
    {
        if (_terminated) return;
        var actor = _actor;
        if (actor is not null and not FailedActor)
        {
            try
            {
                actor.InvokePostStop();
            }
            catch (Exception ex)
            {
                System.GetLogger(Self.Path.ToString(), actor.GetType()).Error(ex, "exception in PostStop");
            }
        }
        _terminated = true;
        DropStashToDeadLetters();
        _mailbox.Close();
        TellWatchersWeDied();
        ParentRef.SendSystemMessage(new DeathWatchNotification(Self, true, false));
        _actor = null;
        _behaviours?.Clear();
    }

    internal void StopSelf() => BeginTerminate();
}
