using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>
/// One host's hypervisor model as the migration engine and guest workloads call it: directly, holding the
/// model's lock, so they never interleave with each other or with the host's <see cref="HypervisorActor"/>
/// inside one hypercall. Built over a <see cref="SharedHypervisor"/>, it is the same model xend, pciback and
/// pcifront reach by message, and the upcalls a call raises (an unpause delivering pending events) reach their
/// handlers when the call returns, as they would after a hypercall.
/// </summary>
public sealed class HypervisorGate
{
    private readonly XenHypervisor hypervisor;
    private readonly Lock gate;
    private readonly SharedHypervisor? shared;

    public HypervisorGate(string host, XenHypervisor hypervisor)
        : this(host, hypervisor, new Lock(), null)
    {
    }

    public HypervisorGate(string host, SharedHypervisor shared)
        : this(host, (shared ?? throw new ArgumentNullException(nameof(shared))).Model, shared.Gate, shared)
    {
    }

    private HypervisorGate(string host, XenHypervisor hypervisor, Lock gate, SharedHypervisor? shared)
    {
        ArgumentNullException.ThrowIfNull(hypervisor);
        Host = host;
        this.hypervisor = hypervisor;
        this.gate = gate;
        this.shared = shared;
    }

    /// <summary>The host's name as drills and reports show it.</summary>
    public string Host { get; }

    public T Run<T>(Func<XenHypervisor, T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (gate)
        {
            var result = call(hypervisor);
            shared?.Hypercalls.DeliverUpcalls(modelCalled: true);
            return result;
        }
    }

    public void Run(Action<XenHypervisor> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (gate)
        {
            call(hypervisor);
            shared?.Hypercalls.DeliverUpcalls(modelCalled: true);
        }
    }

    public override string ToString() => Host;
}
