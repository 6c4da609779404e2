namespace XenActors.Xen.Pci.Virtualization;

/// <summary>A register group as instantiated for one device: where it sits and how big it is.</summary>
public sealed record RegisterGroupView(string Name, byte CapabilityId, RegisterGroupType Type, int Offset, int Size);
