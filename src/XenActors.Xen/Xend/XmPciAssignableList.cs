namespace XenActors.Xen.Xend;

/// <summary>xm pci-assignable-list: functions in the pool. Answered with an <see cref="XmResult"/>.</summary>
public sealed record XmPciAssignableList
{
    public static XmPciAssignableList Instance { get; } = new();
}
