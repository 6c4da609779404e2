using XenActors.Actor;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xend;

/// <summary>
/// Waits, outside the caller's mailbox, until <c>check</c> says an xenstore condition holds: it
/// re-checks on every change under the watched paths (and @releaseDomain), and on time-out answers
/// what <c>check</c> reports as the stuck step. Completes <c>result</c> with null on success.
/// </summary>
internal sealed class StoreWaiter : ReceiveActor
{
    private readonly TaskCompletionSource<string?> _result;
    private readonly Func<XenStoreClient, Task<(bool Done, bool Fatal, string Stuck)>> _check;
    private readonly XenStoreClient _store;
    private readonly IReadOnlyList<string> _paths;
    private readonly TimeSpan _timeout;

    public StoreWaiter(IActorRef store, IReadOnlyList<string> paths, Func<XenStoreClient, Task<(bool Done, bool Fatal, string Stuck)>> check, TimeSpan timeout, TaskCompletionSource<string?> result)
    {
        _store = new XenStoreClient(store, 0, Self);
        _paths = paths;
        _check = check;
        _timeout = timeout;
        _result = result;
        ReceiveAsync<Begin>(_ => BeginAsync());
        ReceiveAsync<XsWatchEvent>(_ => CheckAsync(final: false));
        ReceiveAsync<TimedOut>(_ => CheckAsync(final: true));
    }

    protected override void PreStart() => Self.Tell(Begin.Instance);

    protected override void PostStop() => _result.TrySetResult("xend stopped while waiting");

    private async Task BeginAsync()
    {
        Context.System.Scheduler.ScheduleTellOnce(_timeout, Self, TimedOut.Instance, Self);
        foreach (var path in _paths)
            await _store.WatchAsync(path, "wait");
        await _store.WatchAsync("@releaseDomain", "wait");
    }

    private async Task CheckAsync(bool final)
    {
        if (_result.Task.IsCompleted)
            return;
        var (done, fatal, stuck) = await _check(_store);
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

    private sealed class TimedOut
    {
        public static readonly TimedOut Instance = new();
    }
}
