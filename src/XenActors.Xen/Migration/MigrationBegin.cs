using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>The domain's configuration: the destination builds an empty, paused domain from it (xc_domain_restore's start).</summary>
public sealed record MigrationBegin(string Name, DomainType Type, int MemoryMiB, int Vcpus, int SourceDomid) : MigrationRecord
{
    public override long WireBytes => 256;
}
