using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Hypervisor;

/// <summary>Typed Ask wrappers around the <see cref="HypervisorActor"/> for drivers and the toolstack.</summary>
public sealed class HypervisorClient(IActorRef hypervisor, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    public IActorRef Ref => hypervisor;

    public Task<XenResult> CallAsync(IHypervisorRequest request) => hypervisor.Ask<XenResult>(request, _timeout);

    public Task<XenResult<T>> CallAsync<T>(IHypervisorRequest request) => hypervisor.Ask<XenResult<T>>(request, _timeout);

    /// <summary>
    /// A hypercall whose result nobody reads (as a guest ignores notify_remote_via_evtchn's): told without a sender,
    /// so no Ask round trip and no reply. The hypervisor handles one sender's requests in order, so a later
    /// <see cref="Tell"/> or <see cref="CallAsync"/> from the same actor sees its effect.
    /// </summary>
    public void Tell(IHypervisorRequest request) => hypervisor.Tell(request, ActorRefs.NoSender);

    public Task<IReadOnlyList<PciFunctionInfo>> DevicesAsync() => hypervisor.Ask<IReadOnlyList<PciFunctionInfo>>(new HvListDevices(), _timeout);

    public Task<IReadOnlyList<string>> CheckInvariantsAsync() => hypervisor.Ask<IReadOnlyList<string>>(new HvCheckInvariants(), _timeout);
}
