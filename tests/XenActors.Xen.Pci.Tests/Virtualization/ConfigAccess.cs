using System.Globalization;

namespace XenActors.Xen.Pci.Tests.Virtualization;

/// <summary>One guest config write, printed in hex so a counterexample reads like a trace.</summary>
internal sealed record ConfigAccess(int Offset, int Size, uint Value)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"write(0x{Offset:x2}, {Size}, 0x{Value:x8})");
}
