using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>
/// One host's hypervisor model shared by the actors of that host. <see cref="XenHypervisor"/> is
/// thread-confined; until the Hypervisor actor owns it, every caller goes through this gate so the
/// guest workload, the migration sender and the hot-plug path never interleave inside one hypercall.
/// </summary>
public sealed class HypervisorGate(string host, XenHypervisor hypervisor)
{
    private readonly Lock gate = new();

    /// <summary>The host's name as drills and reports show it.</summary>
    public string Host { get; } = host;

    public T Run<T>(Func<XenHypervisor, T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (gate)
        {
            return call(hypervisor);
        }
    }

    public void Run(Action<XenHypervisor> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (gate)
        {
            call(hypervisor);
        }
    }

    public override string ToString() => Host;
}
