namespace XenActors.Xen.Pci.Planning;

/// <summary>One physical function and the virtual function (and, when known, slot) it gets in the guest.</summary>
public sealed record FunctionAssignment(PciAddress Physical, int VirtualFunction, int? VirtualSlot)
{
    /// <summary>vdevfn as libxl writes <c>vdevfn-N</c> (vslot &lt;&lt; 3 | vfunc); null until a slot is chosen.</summary>
    public int? VirtualDevfn => VirtualSlot is { } s ? (s << 3) | VirtualFunction : null;
}
