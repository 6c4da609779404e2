using XenActors.Actor;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>Binds VIRQ_DOM_EXC for the watcher (xenstored, xend): it is told <see cref="HvDomainDestroyed"/> for every domain destroyed from now on. Answered with <c>XenResult</c>.</summary>
public sealed record HvWatchDomainDeaths(IActorRef Watcher) : IHypervisorRequest;
