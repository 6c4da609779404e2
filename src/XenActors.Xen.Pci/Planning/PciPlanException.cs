namespace XenActors.Xen.Pci.Planning;

/// <summary>A spec that names real syntax but cannot be honoured on this host (missing functions, no virtual function 0).</summary>
public sealed class PciPlanException : InvalidOperationException
{
    public PciPlanException()
    {
    }

    public PciPlanException(string message)
        : base(message)
    {
    }

    public PciPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
