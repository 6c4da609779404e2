namespace XenActors.Xen.Pci.Configuration;

/// <summary>An inventory file that cannot be bound; the message names the JSON path at fault.</summary>
public sealed class PciInventoryConfigException : Exception
{
    public PciInventoryConfigException()
    {
    }

    public PciInventoryConfigException(string message)
        : base(message)
    {
    }

    public PciInventoryConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
