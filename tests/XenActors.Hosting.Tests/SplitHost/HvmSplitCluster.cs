namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>
/// A split host with two guest nodes (an HVM guest and its device model stub domain) and the seed's machine: the
/// USB controller set at 00:1d whose function 0 has the BIOS's non-page-aligned MMIO BAR, a second ICH9 USB set at
/// 00:1a (five functions, all page-aligned) for the multi-function attaches, and the dual-port NIC at 03:00.
/// </summary>
public sealed class HvmSplitCluster() : SplitClusterFixture(2, Inventory)
{
    public const string Inventory = """
        {
          "presets": [
            { "kind": "usb-controller-set", "slot": "0000:00:1d", "nonPageAlignedMmioBar": true },
            { "kind": "usb-controller-set", "slot": "0000:00:1a" },
            { "kind": "dual-port-nic", "slot": "0000:03:00" }
          ]
        }
        """;
}
