namespace XenActors.Xen.Tests.Ioemu.Support;

/// <summary>Real lspci -xxxx dumps copied from XenActors.Xen.Pci.Tests/Fixtures (a QEMU guest's virtio devices).</summary>
internal static class RealDevices
{
    /// <summary>00_03_0.xxxx.txt: a virtio 1.0 network device with vendor capabilities and MSI-X.</summary>
    public const string VirtioNet = """
        00:03.0 Ethernet controller: Red Hat, Inc. Virtio 1.0 network device (rev 01)
        00: f4 1a 41 10 06 04 10 00 01 00 00 02 00 00 00 00
        10: 04 00 10 00 40 00 00 00 00 00 00 00 00 00 00 00
        20: 00 00 00 00 00 00 00 00 00 00 00 00 f4 1a 41 10
        30: 00 00 00 00 40 00 00 00 00 00 00 00 00 00 00 00
        40: 09 50 10 01 00 00 00 00 00 00 00 00 38 00 00 00
        50: 09 60 10 03 00 00 00 00 00 20 00 00 01 00 00 00
        60: 09 70 10 04 00 00 00 00 00 40 00 00 00 10 00 00
        70: 09 84 14 02 00 00 00 00 00 60 00 00 00 10 00 00
        80: 04 00 00 00 09 98 14 05 00 00 00 00 00 00 00 00
        90: 00 00 00 00 00 00 00 00 11 00 02 80 00 80 00 00
        a0: 00 80 04 00 00 00 00 00 00 00 00 00 00 00 00 00
        b0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
        c0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
        d0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
        e0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
        f0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
        
        """;
}
