using XenActors.Actor;
using XenActors.TestKit;
using XenActors.Xen.Hvm;

namespace XenActors.Xen.Tests.Ioemu.Support;

/// <summary>A probe subscribed to the published hops and guest kernel log lines.</summary>
public static class HopWatcher
{
    public static TestProbe Watch(TestKitBase kit, ActorSystem system)
    {
        var probe = kit.CreateTestProbe();
        system.EventStream.Subscribe(probe.Ref, typeof(HotplugHop));
        system.EventStream.Subscribe(probe.Ref, typeof(GuestKernelLog));
        return probe;
    }
}
