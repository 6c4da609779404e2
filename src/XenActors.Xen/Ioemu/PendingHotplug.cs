using XenActors.Actor;
using XenActors.Scheduler;
using XenActors.Xen.Hvm;

namespace XenActors.Xen.Ioemu;

/// <summary>An attach or detach waiting for the guest: whom to answer, the trail so far, and its timeout.</summary>
internal sealed record PendingHotplug(long Id, bool Attach, IActorRef ReplyTo, HotplugTrail Trail, ICancelable Timer);
