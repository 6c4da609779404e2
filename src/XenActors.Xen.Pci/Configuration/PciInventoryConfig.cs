using System.Globalization;
using System.Text.Json;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pci.Lspci;

namespace XenActors.Xen.Pci.Configuration;

/// <summary>
/// Binds a host's PCI inventory from JSON (sample: config/inventory.sample.json). Numbers that are
/// hex in lspci (IDs, class, sizes, addresses) are hex strings, with or without "0x":
/// <code>
/// {
///   "presets":   [ { "kind": "usb-controller-set", "slot": "0000:00:1d", "nonPageAlignedMmioBar": true },
///                  { "kind": "dual-port-nic", "slot": "03:00" }, { "kind": "simple-nic", "slot": "00:04" } ],
///   "functions": [ { "address": "0000:05:00.0", "vendor": "10de", "device": "1db4", "class": "030200",
///                    "revision": "a1", "subsystemVendor": "10de", "subsystem": "1214", "name": "...",
///                    "multiFunction": false, "interruptPin": 1,
///                    "bars": [ { "index": 0, "kind": "mem32|mem64|io", "size": "1000000", "address": "fd000000", "prefetchable": false } ],
///                    "capabilities": [ { "type": "pm", "d1": true, "d2": false }, { "type": "msi", "vectors": 4, "is64Bit": true, "perVectorMask": false },
///                                      { "type": "msix", "tableSize": 8, "tableBar": 0, "tableOffset": "2000", "pbaBar": 0, "pbaOffset": "3000" },
///                                      { "type": "pcie", "version": 2, "flr": true }, { "type": "vpd" }, { "type": "vendor", "length": 8 },
///                                      { "type": "raw", "id": "07", "length": 24 } ],
///                    "extendedCapabilities": [ { "type": "aer" }, { "type": "dsn", "serial": "001b21ffff0a0b0c" } ] } ],
///   "lspciDumps": [ "dumps/host.txt" ]
/// }
/// </code>
/// Dump paths are relative to the file. Anything wrong throws <see cref="PciInventoryConfigException"/> naming where.
/// </summary>
public static class PciInventoryConfig
{
    public static PciInventory Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new PciInventoryConfigException($"cannot read PCI inventory '{path}': {e.Message}", e);
        }

        return Parse(json, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    public static PciInventory Parse(string json, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        InventoryDocument doc;
        try
        {
            doc = JsonSerializer.Deserialize(json, InventoryJsonContext.Default.InventoryDocument)
                ?? throw new PciInventoryConfigException("PCI inventory: the document is null");
        }
        catch (JsonException e)
        {
            throw new PciInventoryConfigException($"PCI inventory is not valid JSON for this shape at {e.Path ?? "$"}: {e.Message}", e);
        }

        var functions = new List<PciFunction>();
        for (var i = 0; i < (doc.Presets?.Count ?? 0); i++)
        {
            functions.AddRange(At($"presets[{i}]", () => Preset(doc.Presets![i]).Functions));
        }

        for (var i = 0; i < (doc.Functions?.Count ?? 0); i++)
        {
            functions.Add(At($"functions[{i}]", () => Function(doc.Functions![i])));
        }

        for (var i = 0; i < (doc.LspciDumps?.Count ?? 0); i++)
        {
            var file = Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), doc.LspciDumps![i]);
            functions.AddRange(At($"lspciDumps[{i}]", () => LspciDumpCodec.Parse(File.ReadAllText(file)).Select(e => e.ToFunction())));
        }

        return At("$", () => new PciInventory(functions));
    }

    private static T At<T>(string where, Func<T> bind)
    {
        try
        {
            return bind();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or IOException)
        {
            throw new PciInventoryConfigException($"PCI inventory {where}: {e.Message}", e);
        }
    }

    private static PciDevice Preset(PresetDocument p)
    {
        var slot = PciSlotAddress.Parse(p.Slot ?? throw new FormatException("slot is required"));
        return p.Kind switch
        {
            "usb-controller-set" => SyntheticDevices.UsbControllerSet(slot.Domain, slot.Bus, slot.Device, p.NonPageAlignedMmioBar),
            "dual-port-nic" => SyntheticDevices.DualPortNic(slot.Domain, slot.Bus, slot.Device),
            "simple-nic" => SyntheticDevices.SimpleNic(slot.Domain, slot.Bus, slot.Device),
            _ => throw new FormatException($"kind '{p.Kind}' is not one of usb-controller-set, dual-port-nic, simple-nic"),
        };
    }

    private static PciFunction Function(FunctionDocument f)
    {
        var b = new PciFunctionBuilder(PciAddress.Parse(f.Address ?? throw new FormatException("address is required")))
            .Identity((ushort)Hex(f.Vendor, "vendor", 0xffff, required: true), (ushort)Hex(f.Device, "device", 0xffff, required: true), (int)Hex(f.Class, "class", 0xffffff, required: true), (byte)Hex(f.Revision, "revision", 0xff))
            .Subsystem((ushort)Hex(f.SubsystemVendor, "subsystemVendor", 0xffff), (ushort)Hex(f.Subsystem, "subsystem", 0xffff))
            .MultiFunction(f.MultiFunction)
            .Interrupt(checked((byte)f.InterruptPin));
        if (f.Name is not null) b.Named(f.Name);
        foreach (var bar in f.Bars ?? [])
        {
            var kind = bar.Kind switch
            {
                "io" => PciBarKind.Io,
                "mem32" => PciBarKind.Memory32,
                "mem64" => PciBarKind.Memory64,
                _ => throw new FormatException($"bar {bar.Index} kind '{bar.Kind}' is not io, mem32 or mem64"),
            };
            b.Bar(bar.Index, kind, Hex(bar.Size, "size", ulong.MaxValue, required: true), Hex(bar.Address, "address", ulong.MaxValue), bar.Prefetchable);
        }

        foreach (var c in f.Capabilities ?? [])
        {
            _ = c.Type switch
            {
                "pm" => b.PowerManagement(c.D1, c.D2),
                "msi" => b.Msi(c.Vectors, c.Is64Bit, c.PerVectorMask),
                "msix" => b.MsiX(c.TableSize, c.TableBar, (uint)Hex(c.TableOffset, "tableOffset", uint.MaxValue), c.PbaBar, (uint)Hex(c.PbaOffset, "pbaOffset", uint.MaxValue)),
                "pcie" => b.PciExpress(c.Version, c.Flr),
                "vpd" => b.Vpd(),
                "vendor" => b.VendorSpecific(c.Length),
                "raw" => b.RawCapability((byte)Hex(c.Id, "id", 0xff, required: true), c.Length),
                _ => throw new FormatException($"capability type '{c.Type}' is not pm, msi, msix, pcie, vpd, vendor or raw"),
            };
        }

        foreach (var c in f.ExtendedCapabilities ?? [])
        {
            _ = c.Type switch
            {
                "aer" => b.Aer(),
                "dsn" => b.SerialNumber(Hex(c.Serial, "serial", ulong.MaxValue)),
                "raw" => b.ExtendedCapability((ushort)Hex(c.Id, "id", 0xffff, required: true), (byte)c.Version, c.Length),
                _ => throw new FormatException($"extended capability type '{c.Type}' is not aer, dsn or raw"),
            };
        }

        return b.Build();
    }

    private static ulong Hex(string? text, string field, ulong max, bool required = false)
    {
        if (text is null)
        {
            return required ? throw new FormatException($"{field} is required (hex string)") : 0UL;
        }

        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (!ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) || v > max)
        {
            throw new FormatException($"{field} '{text}' is not a hex number up to 0x{max:x}");
        }

        return v;
    }
}
