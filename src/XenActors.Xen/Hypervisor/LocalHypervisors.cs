using System.Collections.Concurrent;
using XenActors.Actor;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// The hypervisor actors running in this process, by their ref: a <see cref="HypervisorClient"/> whose hypervisor
/// is one of them makes its hypercalls directly (no mailbox hop); one in another process finds nothing here and
/// sends messages.
/// </summary>
internal static class LocalHypervisors
{
    private static readonly ConcurrentDictionary<IActorRef, SharedHypervisor> Running = new();

    public static void Register(IActorRef hypervisor, SharedHypervisor shared) => Running[hypervisor] = shared;

    public static void Unregister(IActorRef hypervisor) => Running.TryRemove(hypervisor, out _);

    public static SharedHypervisor? Find(IActorRef hypervisor) => Running.GetValueOrDefault(hypervisor);
}
