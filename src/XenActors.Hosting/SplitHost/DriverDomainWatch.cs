using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Hosting.SplitHost;

/// <summary>
/// In dom0's node: death-watches pciback on the driver node. When that node dies the driver domain is destroyed in
/// the hypervisor, as Xen does with a crashed domain, so xend hears of it (VIRQ_DOM_EXC) and reclaims: devices back
/// to the pool, backend entries cleaned up.
/// </summary>
public sealed class DriverDomainWatch : ReceiveActor
{
    public const string Name = "driver-watch";

    public DriverDomainWatch(IActorRef pciback, IActorRef hypervisor, int domid, ILogger log)
    {
        Receive<Terminated>(t =>
        {
            if (!t.ActorRef.Equals(pciback)) return;
            log.LogWarning("pciback of driver domain {Domid} ({Address}) is gone: destroying the domain so xend reclaims its devices", domid, pciback.Path.Address);
            hypervisor.Tell(new HvDestroyDomain(domid), Self);
        });
        Receive<XenResult>(r =>
        {
            if (!r.IsSuccess) log.LogError("destroying driver domain {Domid}: {Error}", domid, r.Error.Message);
        });
        Context.Watch(pciback);
    }

    public static Props Props(IActorRef pciback, IActorRef hypervisor, int domid, ILogger log) =>
        Actor.Props.Create(() => new DriverDomainWatch(pciback, hypervisor, domid, log));
}
