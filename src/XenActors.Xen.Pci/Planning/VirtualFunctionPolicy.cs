namespace XenActors.Xen.Pci.Planning;

/// <summary>How physical functions map to virtual functions in the guest.</summary>
public enum VirtualFunctionPolicy
{
    /// <summary>
    /// The seed (xend, Xen 3.5): the numerically lowest physical function becomes virtual
    /// function 0, the others are identity-mapped.
    /// </summary>
    Xend,

    /// <summary>
    /// libxl: identity mapping (vdevfn = vslot &lt;&lt; 3 | f); <c>*</c> needs a vslot; a set without
    /// function 0 is refused because the guest would have no function 0 to find.
    /// </summary>
    Libxl,
}
