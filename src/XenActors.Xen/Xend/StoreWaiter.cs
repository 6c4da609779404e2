using XenActors.Actor;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xend;

/// <summary>
/// Waits, outside the caller's mailbox, until <c>check</c> says an xenstore condition holds: it
/// re-checks after changes to the watched nodes (and @releaseDomain), and on time-out answers
/// what <c>check</c> reports as the stuck step. Completes <c>result</c> with null on success.
/// <para>
/// A check reads the store as it is now, so events that queued up while one ran are answered by one
/// more check, not one each (a handshake fires dozens). The check is told whether a domain may have
/// died since the last one: only at the start, on @releaseDomain (xend releases every dead domain, after
/// the hypervisor destroyed it) and at the time-out; the liveness hypercalls are skipped otherwise.
/// </para>
/// </summary>
internal sealed class StoreWaiter : ReceiveActor
{
    private const string ReleaseDomain = "@releaseDomain";
    private readonly TaskCompletionSource<string?> _result;
    private readonly Func<XenStoreClient, bool, Task<(bool Done, bool Fatal, string Stuck)>> _check;
    private readonly XenStoreClient _store;
    private readonly IReadOnlyList<string> _paths;
    private readonly TimeSpan _timeout;
    private bool _checkQueued;
    private bool _liveness = true;

    public StoreWaiter(IActorRef store, IReadOnlyList<string> paths, Func<XenStoreClient, bool, Task<(bool Done, bool Fatal, string Stuck)>> check, TimeSpan timeout, TaskCompletionSource<string?> result)
    {
        _store = new XenStoreClient(store, 0, Self);
        _paths = paths;
        _check = check;
        _timeout = timeout;
        _result = result;
        ReceiveAsync<Begin>(_ => BeginAsync());
        Receive<XsWatchEvent>(e =>
        {
            _liveness |= e.Path == ReleaseDomain;
            // Queued behind the events already here: when it runs, every change they announce is in the store.
            if (!_checkQueued)
                Self.Tell(Check.Instance);
            _checkQueued = true;
        });
        ReceiveAsync<Check>(_ =>
        {
            _checkQueued = false;
            var liveness = _liveness;
            _liveness = false;
            return CheckAsync(final: false, liveness);
        });
        ReceiveAsync<TimedOut>(_ => CheckAsync(final: true, liveness: true));
    }

    protected override void PreStart() => Self.Tell(Begin.Instance);

    protected override void PostStop() => _result.TrySetResult("xend stopped while waiting");

    private async Task BeginAsync()
    {
        Context.System.Scheduler.ScheduleTellOnce(_timeout, Self, TimedOut.Instance, Self);
        // Each watch fires once when set, which runs the first check.
        await _store.PipelineAsync([.. _paths.Select(p => _store.Watch(p, "wait")), _store.Watch(ReleaseDomain, "wait")]);
    }

    private async Task CheckAsync(bool final, bool liveness)
    {
        if (_result.Task.IsCompleted)
            return;
        var (done, fatal, stuck) = await _check(_store, liveness);
        if (done)
            _result.TrySetResult(null);
        else if (final || fatal)
            _result.TrySetResult(stuck);
        else
            return;
        Context.Stop(Self);
    }

    private sealed class Begin
    {
        public static readonly Begin Instance = new();
    }

    private sealed class Check
    {
        public static readonly Check Instance = new();
    }

    private sealed class TimedOut
    {
        public static readonly TimedOut Instance = new();
    }
}
