namespace XenActors.Xen.Hypervisor;

/// <summary>Discards every notification; pending bits are still kept and can be polled.</summary>
public sealed class NullEventSink : IEventSink
{
    public static readonly NullEventSink Instance = new();

    public void Upcall(int domid, int vcpu, int port)
    {
    }
}
