using System.Buffers.Binary;
using System.Numerics;

namespace XenActors.Xen.Pci;

/// <summary>Builds a physical function from raw configuration bytes (an lspci dump, a saved image).</summary>
public static class PciFunctionImport
{
    /// <summary>
    /// Imports <paramref name="config"/> (64, 256 or 4096 bytes). A dump carries no BAR sizes, so a BAR
    /// gets the size in <paramref name="barSizes"/> or else the largest size its address alignment
    /// allows (the least a real BAR of that address could decode); a BAR reading 0 is taken as absent.
    /// </summary>
    public static PciFunction FromConfigSpace(PciAddress address, ReadOnlySpan<byte> config, string? description = null, IReadOnlyDictionary<int, ulong>? barSizes = null)
    {
        if (config.Length is not (64 or PciLimits.ConventionalConfigSize or PciLimits.ExtendedConfigSize))
        {
            throw new ArgumentException($"configuration space of {config.Length} bytes: expected 64, 256 or 4096", nameof(config));
        }

        if ((config[PciConfigRegisters.HeaderType] & PciConfigRegisters.HeaderTypeMask) != 0)
        {
            // Bridges (type 1) have only two BARs; we model their bytes but not their windows.
            return new PciFunction(address, config, [], description, config.Length);
        }

        var defs = new PciBarDefinition?[PciConfigRegisters.BarCount];
        for (var i = 0; i < PciConfigRegisters.BarCount; i++)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(config[(PciConfigRegisters.BaseAddress0 + 4 * i)..]);
            if (low == 0) continue;
            PciBarKind kind;
            ulong addr;
            if ((low & PciConfigRegisters.BarSpaceIo) != 0)
            {
                kind = PciBarKind.Io;
                addr = low & ~PciConfigRegisters.BarIoFlagsMask;
            }
            else if ((low & 0x6) == PciConfigRegisters.BarMemType64 && i < PciConfigRegisters.BarCount - 1)
            {
                kind = PciBarKind.Memory64;
                addr = (low & ~PciConfigRegisters.BarMemFlagsMask) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(config[(PciConfigRegisters.BaseAddress0 + 4 * (i + 1))..]) << 32);
            }
            else
            {
                kind = PciBarKind.Memory32;
                addr = low & ~PciConfigRegisters.BarMemFlagsMask;
            }

            var size = barSizes is not null && barSizes.TryGetValue(i, out var given) ? given : InferSize(kind, addr);
            defs[i] = new PciBarDefinition(kind, kind != PciBarKind.Io && (low & PciConfigRegisters.BarMemPrefetch) != 0, size);
            if (kind == PciBarKind.Memory64) i++;
        }

        return new PciFunction(address, config, defs, description, config.Length);
    }

    private static ulong InferSize(PciBarKind kind, ulong address)
    {
        var cap = kind switch { PciBarKind.Io => 256UL, PciBarKind.Memory32 => 1UL << 31, _ => 1UL << 40 };
        if (address == 0) return 0;
        var lowest = 1UL << BitOperations.TrailingZeroCount(address);
        return Math.Min(lowest, cap);
    }
}
