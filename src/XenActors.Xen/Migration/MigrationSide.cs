namespace XenActors.Xen.Migration;

/// <summary>Which relocation server a trace line comes from.</summary>
public enum MigrationSide
{
    Source,
    Destination,
}
