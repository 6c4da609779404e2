using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// Hypercalls for drivers and the toolstack. When the <see cref="HypervisorActor"/> runs in this process the call is
/// made directly on the caller's thread under the model's gate, as a vCPU traps into the hypervisor (a hot-plug scan
/// makes hundreds, and one actor's mailbox for every domain's hypercalls was the emulator's bottleneck); otherwise it
/// is an Ask to the actor in the other process.
/// </summary>
public sealed class HypervisorClient(IActorRef hypervisor, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);
    private SharedHypervisor? _local;
    private bool _remote;

    public IActorRef Ref => hypervisor;

    /// <summary>The hypervisor runs in this process: hypercalls are direct and upcalls are delivered on the calling thread.</summary>
    public bool IsLocal => Local is not null;

    /// <summary>The hypervisor, when it runs in this process and has not stopped; null when calls must go by message.</summary>
    private SharedHypervisor? Local => !_remote && (_local ??= LocalHypervisors.Find(hypervisor)) is { IsRunning: true } local ? local : null;

    public Task<XenResult> CallAsync(IHypervisorRequest request) => CallAsync<XenResult>(request, r => (XenResult)r);

    public Task<XenResult<T>> CallAsync<T>(IHypervisorRequest request) => CallAsync<XenResult<T>>(request, r => (XenResult<T>)r);

    /// <summary>
    /// A hypercall whose result nobody reads (as a guest ignores notify_remote_via_evtchn's): done at once when the
    /// hypervisor is local, else told without a sender, so no Ask round trip and no reply. The hypervisor handles one
    /// sender's requests in order, so a later <see cref="Tell"/> or <see cref="CallAsync"/> sees its effect.
    /// </summary>
    public void Tell(IHypervisorRequest request) => Multicall(request);

    /// <summary>
    /// Several told hypercalls in one trap, as HYPERVISOR_multicall batches them (pcifront's "write the op, notify"):
    /// one hold of the hypervisor's gate when it is local, the same tells in order when it is not.
    /// </summary>
    public void Multicall(params ReadOnlySpan<IHypervisorRequest> requests)
    {
        if (Local is { } local && !NeedsActor(requests))
        {
            local.CallAll(requests);
            return;
        }
        foreach (var request in requests)
            hypervisor.Tell(request, ActorRefs.NoSender);
    }

    public Task<IReadOnlyList<PciFunctionInfo>> DevicesAsync() =>
        CallAsync<IReadOnlyList<PciFunctionInfo>>(new HvListDevices(), r => (IReadOnlyList<PciFunctionInfo>)r);

    public Task<IReadOnlyList<string>> CheckInvariantsAsync() =>
        CallAsync<IReadOnlyList<string>>(new HvCheckInvariants(), r => (IReadOnlyList<string>)r);

    /// <summary>Direct when it can be, else by Ask; a direct call that throws gives a faulted task, as a failed Ask would.</summary>
    private Task<TReply> CallAsync<TReply>(IHypervisorRequest request, Func<object, TReply> cast)
    {
        try
        {
            return Direct(request) is { } reply ? Task.FromResult(cast(reply)) : AskAsync<TReply>(request);
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or ArgumentException)
        {
            return Task.FromException<TReply>(e);
        }
    }

    /// <summary>
    /// The reply of a direct hypercall, or null when it must go by message: the hypervisor is in another process (known
    /// once a message reply came back and no local one was registered), has stopped, or the request needs the actor
    /// itself (a death watch).
    /// </summary>
    private object? Direct(IHypervisorRequest request) => NeedsActor([request]) ? null : Local?.Call(request);

    /// <summary>A death watch is kept by the actor itself (it watches the watcher), so it always goes by message.</summary>
    private static bool NeedsActor(ReadOnlySpan<IHypervisorRequest> requests)
    {
        foreach (var request in requests)
        {
            if (request is HvWatchDomainDeaths)
                return true;
        }
        return false;
    }

    private async Task<T> AskAsync<T>(IHypervisorRequest request)
    {
        var reply = await hypervisor.Ask<T>(request, _timeout).ConfigureAwait(false);
        // The actor answered: had it been local it would have registered before answering.
        if (_local is null && LocalHypervisors.Find(hypervisor) is null)
            _remote = true;
        return reply;
    }
}
