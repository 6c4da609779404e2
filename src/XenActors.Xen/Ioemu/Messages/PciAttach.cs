using XenActors.Xen.Hvm;
using XenActors.Xen.Pci.Planning;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>
/// xend → ioemu: hot-plug the functions of one physical device into one virtual slot (qemu's
/// pci-ins / device_add). <paramref name="VirtualSlot"/> null lets ioemu pick the lowest free slot.
/// Answered by <see cref="PciAttachCompleted"/> once the guest acknowledged, or <see cref="PciAttachRefused"/>.
/// </summary>
public sealed record PciAttach(IReadOnlyList<PassThroughFunction> Functions, int? VirtualSlot, HotplugTrail Trail)
{
    /// <summary>xl's permissive=1: unknown config-space writes reach the device.</summary>
    public bool Permissive { get; init; }

    public static PciAttach FromPlan(MultiFunctionPlan plan, HotplugTrail trail)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PciAttach([.. plan.Assignments.Select(a => new PassThroughFunction(a.Physical, a.VirtualFunction))], plan.VirtualSlot, trail)
        {
            Permissive = plan.Options.Permissive is > 0,
        };
    }
}
