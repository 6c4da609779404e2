using System.Globalization;
using XenActors.Xen.Pci.Spec;

namespace XenActors.Xen.Pci.Planning;

/// <summary>
/// What attaching one spec means on one host: which physical functions, which virtual function each
/// becomes, and in which order they are attached and detached. The functions of one physical device
/// travel together under one device key (xend); virtual function 0 goes last both ways because its
/// arrival (ACPI hot-plug of the slot) is what makes the guest scan the other functions.
/// </summary>
public sealed class MultiFunctionPlan
{
    private MultiFunctionPlan(PciSlotAddress slot, int? virtualSlot, IReadOnlyList<FunctionAssignment> assignments, PciSpecOptions options)
    {
        PhysicalSlot = slot;
        VirtualSlot = virtualSlot;
        Assignments = assignments;
        Options = options;
    }

    public PciSlotAddress PhysicalSlot { get; }

    /// <summary>The guest slot when the spec chose one (<c>@VSLOT</c>); otherwise the backend picks.</summary>
    public int? VirtualSlot { get; }

    /// <summary>xend's per-device key grouping the functions: the physical slot, <c>DDDD:BB:DD</c>.</summary>
    public string DeviceKey => PhysicalSlot.ToString();

    /// <summary>Assignments by ascending physical function.</summary>
    public IReadOnlyList<FunctionAssignment> Assignments { get; }

    public PciSpecOptions Options { get; }

    /// <summary>More than one function: the guest must see a multi-function device.</summary>
    public bool IsMultiFunction => Assignments.Count > 1;

    /// <summary>Highest virtual function first, virtual function 0 last.</summary>
    public IReadOnlyList<FunctionAssignment> AttachOrder => [.. Assignments.OrderByDescending(a => a.VirtualFunction)];

    /// <summary>Same order as attach: xend detaches virtual function 0 last, libxl removes 7→0.</summary>
    public IReadOnlyList<FunctionAssignment> DetachOrder => AttachOrder;

    public static MultiFunctionPlan Create(PciSpec spec, PciInventory inventory, VirtualFunctionPolicy policy = VirtualFunctionPolicy.Xend)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(inventory);
        if (spec.Slot is not { } slot)
        {
            throw new PciPlanException($"PCI device named '{spec.Options.Name}' must be resolved to a BDF before planning");
        }

        var physical = Resolve(spec, slot, inventory);
        if (policy == VirtualFunctionPolicy.Libxl && spec.Functions.IsAll && spec.VirtualSlot is null)
        {
            throw new PciPlanException("Must specify a v-slot for multi-function devices");
        }

        List<FunctionAssignment> assignments;
        if (physical.Count == 1)
        {
            assignments = [new FunctionAssignment(physical[0], 0, spec.VirtualSlot)]; // a single function is always virtual function 0
        }
        else
        {
            var lowest = physical[0].Function;
            assignments = [.. physical.Select(p => new FunctionAssignment(
                p,
                policy == VirtualFunctionPolicy.Xend && p.Function == lowest ? 0 : p.Function,
                spec.VirtualSlot))];
        }

        if (!assignments.Any(a => a.VirtualFunction == 0))
        {
            var where = spec.VirtualSlot is { } vs ? string.Create(CultureInfo.InvariantCulture, $" at virtual slot {vs:x2}") : "";
            throw new PciPlanException($"PCI device {slot}.{spec.Functions}{where} does not include virtual function 0");
        }

        return new MultiFunctionPlan(slot, spec.VirtualSlot, assignments, spec.Options);
    }

    private static List<PciAddress> Resolve(PciSpec spec, PciSlotAddress slot, PciInventory inventory)
    {
        if (spec.Functions.IsAll)
        {
            var present = inventory.SlotFunctions(slot);
            if (present.Count == 0) throw new PciPlanException($"PCI device {slot}.* not found: no function present in slot {slot}");
            return [.. present.Select(f => f.Address)];
        }

        if (spec.Functions.IsEmpty) throw new PciPlanException($"PCI spec {spec} names no function");
        var missing = spec.Functions.Functions.Select(slot.Function).Where(a => !inventory.Contains(a)).ToList();
        if (missing.Count > 0)
        {
            throw new PciPlanException($"PCI function{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} not found on this host");
        }

        return [.. spec.Functions.Functions.Select(slot.Function)];
    }
}
