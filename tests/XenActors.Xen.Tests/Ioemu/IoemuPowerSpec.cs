using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Tests.Ioemu.Support;

namespace XenActors.Xen.Tests.Ioemu;

/// <summary>The guest manages the device's power through PMCSR (the seed's future plan: D0, D1, D2, D3hot).</summary>
public sealed class IoemuPowerSpec : TestKit.TestKit
{
    private static readonly PciAddress Guest = new(0, 0, 4, 0);

    [Fact]
    public async Task Must_move_the_device_between_the_D_states_it_supports()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()])); // PM with D1 and D2
        var host = new PciAddress(0, 0, 4, 0);
        await rig.Attached(host, 4);
        var pmcsr = rig.HostDevices.Get(host).FindCapability(PciCapabilityIds.PowerManagement)!.Value.Offset + 4;

        var notes = new List<string>();
        foreach (var state in new uint[] { 1, 2, 3, 0 })
        {
            var reply = await rig.Write(Guest, pmcsr, 2, state);
            notes.AddRange(reply.Notes);
            Assert.Equal(state, await rig.Read(Guest, pmcsr, 2) & 3);
            Assert.Equal(state, rig.HostDevices.Get(host).Read(pmcsr, 2) & 3);
        }

        Assert.Equal(
            ["0000:00:04.0: power state D0 → D1", "0000:00:04.0: power state D1 → D2", "0000:00:04.0: power state D2 → D3hot", "0000:00:04.0: power state D3hot → D0"],
            notes);
    }

    [Fact]
    public async Task Must_refuse_a_D_state_the_device_lacks_and_change_nothing()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.DualPortNic()])); // PM without D1/D2
        var host = new PciAddress(0, 3, 0, 0);
        await rig.Attached(host, 4);
        var pmcsr = rig.HostDevices.Get(host).FindCapability(PciCapabilityIds.PowerManagement)!.Value.Offset + 4;
        var before = rig.HostDevices.Get(host).Read(pmcsr, 2);

        var reply = await rig.Write(Guest, pmcsr, 2, 1);

        Assert.Equal("0000:03:00.0: refused transition to D1: PMC says the device does not support D1", Assert.Single(reply.Notes));
        Assert.Equal(0u, await rig.Read(Guest, pmcsr, 2) & 3);
        Assert.Equal(before, rig.HostDevices.Get(host).Read(pmcsr, 2));
    }

    [Fact]
    public async Task Must_stop_decoding_memory_in_D3hot_and_refuse_D3hot_to_D1()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]));
        var host = new PciAddress(0, 0, 4, 0);
        await rig.Attached(host, 4);
        var pmcsr = rig.HostDevices.Get(host).FindCapability(PciCapabilityIds.PowerManagement)!.Value.Offset + 4;
        await rig.Write(Guest, 0x14, 4, 0xc000_0000);
        await rig.Write(Guest, PciConfigRegisters.Command, 2, PciConfigRegisters.CommandMemory);

        await rig.Write(Guest, pmcsr, 2, 3);
        var asleep = await rig.Mmio(0xc000_0000, 4);
        var refused = await rig.Write(Guest, pmcsr, 2, 1);

        Assert.Equal(MmioTarget.PoweredDown, asleep.Target);
        Assert.Equal(uint.MaxValue, asleep.Value);
        Assert.Equal("0000:00:04.0: refused transition D3hot → D1: from D3hot a function can only go to D0", Assert.Single(refused.Notes));
        Assert.Equal(3u, await rig.Read(Guest, pmcsr, 2) & 3);
    }
}
