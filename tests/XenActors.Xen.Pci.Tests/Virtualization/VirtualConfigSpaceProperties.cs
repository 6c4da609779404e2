using FsCheck;
using FsCheck.Fluent;
using XenActors.Xen.Pci.Virtualization;
using Cap = XenActors.Xen.Pci.Tests.Virtualization.DeviceRecipe.Cap;
using Bar = XenActors.Xen.Pci.Tests.Virtualization.DeviceRecipe.Bar;
using Break = XenActors.Xen.Pci.Tests.Virtualization.DeviceRecipe.Break;

namespace XenActors.Xen.Pci.Tests.Virtualization;

/// <summary>
/// Issue #6's acceptance as properties over random devices (the library's, imported fixtures, random layouts and broken
/// chains) and random guest write sequences: per register group, read-only, reserved, emulated and pass-through bits
/// behave as the table says; hidden capabilities never appear on the guest's chain; BAR sizing returns the size mask;
/// permissive widens exactly the unknown bytes and reserved bits.
/// </summary>
public sealed class VirtualConfigSpaceProperties
{
    private static readonly Gen<DeviceRecipe> Devices = Gen.OneOf(
        Gen.Elements(DeviceRecipe.Library.ToArray()),
        from n in Gen.Choose(0, 6)
        from caps in Gen.Elements(Enum.GetValues<Cap>()).ArrayOf(n)
        from bars in Gen.Elements(Enum.GetValues<Bar>()).ArrayOf(6)
        from breakage in Gen.Frequency((3, Gen.Constant(Break.None)), (2, Gen.Elements(Enum.GetValues<Break>())))
        from shift in Gen.Choose(0, 12)
        select DeviceRecipe.Random(caps, bars, breakage, shift));

    private static readonly Gen<ConfigAccess> Writes =
        from size in Gen.Elements(1, 2, 4)
        from offset in Gen.Frequency((2, Gen.Choose(0, 0x3f)), (3, Gen.Choose(0x40, 0xff)))
        from value in Gen.OneOf(Gen.Constant(0u), Gen.Constant(uint.MaxValue), Gen.Choose(int.MinValue, int.MaxValue).Select(x => unchecked((uint)x)))
        select new ConfigAccess(offset & ~(size - 1), size, value);

    private static readonly Arbitrary<(DeviceRecipe Device, ConfigAccess[] Writes, bool Permissive)> Runs =
        (from device in Devices
         from n in Gen.Choose(1, 24)
         from writes in Writes.ArrayOf(n)
         from permissive in Gen.Elements(false, true)
         select (device, writes, permissive)).ToArbitrary();

    private static VirtualConfigSpace Space(DeviceRecipe device, bool permissive) =>
        new(device.Build(), new VirtualConfigSpaceOptions { Permissive = permissive });

    [Fact]
    public void Must_keep_read_only_and_reserved_bits_and_read_back_emulated_bits_for_any_write_sequence()
    {
        Prop.ForAll(Runs, run =>
        {
            var space = Space(run.Device, run.Permissive);
            var regs = RegisterModel.Of(space);
            var owned = regs.Where(r => Owner(space, r.Offset) is { Type: RegisterGroupType.Emulated } g && XenPtRegisterTable.Find(g.CapabilityId)!.Registers.Any(t => g.Offset + t.Offset == r.Offset)).ToList();
            foreach (var w in run.Writes)
            {
                var before = space.GuestView();
                var result = space.Write(w.Offset, w.Size, w.Value);
                var after = space.GuestView();
                if (result != ConfigAccessResult.Ok)
                {
                    Assert.Equal(before, after);
                    continue;
                }

                foreach (var r in owned)
                {
                    // Reserved bits are host bits the table never passes on, except in permissive mode.
                    var fixedBits = r.Ro | (run.Permissive ? 0 : r.Res & ~r.Emu);
                    Assert.True((RegisterModel.Get(before, r.Offset, r.Size) & fixedBits) == (RegisterModel.Get(after, r.Offset, r.Size) & fixedBits), $"{r.Name}: fixed bits changed by {w}");
                    var written = r.Emu & ~r.Ro & r.Valid(w.Offset, w.Size);
                    if (written == 0 || Owner(space, w.Offset) is { Type: RegisterGroupType.Hardwired }) continue;
                    var expected = ExpectedEmulated(space.Host, r, w, RegisterModel.Get(before, r.Offset, r.Size)) & written;
                    Assert.True((RegisterModel.Get(after, r.Offset, r.Size) & written) == expected, $"{r.Name}: emulated bits after {w}");
                }

                AssertReadsAsSpecified(space, owned, after);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_let_only_the_bits_the_table_passes_through_reach_the_device()
    {
        Prop.ForAll(Runs, run =>
        {
            var space = Space(run.Device, run.Permissive);
            var regs = RegisterModel.Of(space);
            foreach (var w in run.Writes)
            {
                var before = space.Host.CopyConfigSpace(PciLimits.ConventionalConfigSize);
                var result = space.Write(w.Offset, w.Size, w.Value);
                var after = space.Host.CopyConfigSpace(PciLimits.ConventionalConfigSize);
                var allowed = result == ConfigAccessResult.Ok ? Through(space, regs, w, run.Permissive) : new byte[PciLimits.ConventionalConfigSize];
                for (var b = 0; b < after.Length; b++)
                {
                    Assert.True(((before[b] ^ after[b]) & ~allowed[b]) == 0, $"device byte 0x{b:x2} changed by {w} (0x{before[b]:x2} -> 0x{after[b]:x2}, allowed 0x{allowed[b]:x2})");
                }
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_put_pass_through_bits_on_the_device_as_a_direct_write_would_and_widen_exactly_the_unknown_and_reserved_bits_when_permissive()
    {
        var single = (from device in Devices from w in Writes select (device, w)).ToArbitrary();
        Prop.ForAll(single, run =>
        {
            var (device, w) = run;
            var direct = device.Build();
            if (direct.Read(0, 2) == 0xffff) return;
            direct.Write(w.Offset, w.Size, w.Value);
            var strict = Space(device, permissive: false);
            var permissive = Space(device, permissive: true);
            var regs = RegisterModel.Of(strict);
            if (strict.Write(w.Offset, w.Size, w.Value) != ConfigAccessResult.Ok) return;
            permissive.Write(w.Offset, w.Size, w.Value);
            var strictThrough = Through(strict, regs, w, permissive: false);
            var wideThrough = Through(permissive, regs, w, permissive: true);
            var s = strict.Host.CopyConfigSpace(PciLimits.ConventionalConfigSize);
            var p = permissive.Host.CopyConfigSpace(PciLimits.ConventionalConfigSize);
            var d = direct.CopyConfigSpace(PciLimits.ConventionalConfigSize);
            for (var b = 0; b < s.Length; b++)
            {
                Assert.True((s[b] & strictThrough[b]) == (d[b] & strictThrough[b]), $"byte 0x{b:x2}: pass-through bits differ from a direct {w}");
                Assert.True((p[b] & wideThrough[b]) == (d[b] & wideThrough[b]), $"byte 0x{b:x2}: permissive pass-through bits differ from a direct {w}");
                Assert.True(((s[b] ^ p[b]) & ~(wideThrough[b] & ~strictThrough[b])) == 0, $"byte 0x{b:x2}: permissive changed more than the unknown and reserved bits of {w}");
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_show_the_guest_a_terminating_aligned_chain_of_exactly_the_emulated_capabilities()
    {
        Prop.ForAll(Runs, run =>
        {
            var space = Space(run.Device, run.Permissive);
            foreach (var w in run.Writes) space.Write(w.Offset, w.Size, w.Value);
            AssertGuestChain(space);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_answer_bar_sizing_with_the_size_mask_and_restore_the_address_on_write_back()
    {
        Prop.ForAll(Runs, run =>
        {
            var space = Space(run.Device, run.Permissive);
            foreach (var w in run.Writes) space.Write(w.Offset, w.Size, w.Value);
            var host = space.Host.CopyConfigSpace(PciLimits.ConventionalConfigSize);
            for (var i = 0; i < PciConfigRegisters.BarCount; i++)
            {
                if (space.Host.BarDefinitions[i] is not { Size: > 0 } def) continue;
                var offset = PciConfigRegisters.BaseAddress0 + 4 * i;
                var size = RegisterModel.EmulatedSize(def);
                var flags = space.Host.Read(offset, 4) & (def.Kind == PciBarKind.Io ? 0x3u : 0xfu);
                var low = space.Read(offset, 4);
                Assert.Equal(ConfigAccessResult.Ok, space.Write(offset, 4, uint.MaxValue));
                Assert.Equal((unchecked((uint)~(size - 1)) & (def.Kind == PciBarKind.Io ? 0xfffffffcu : 0xfffffff0u)) | flags, space.Read(offset, 4));
                space.Write(offset, 4, low);
                Assert.Equal(low, space.Read(offset, 4));
                if (def.Kind != PciBarKind.Memory64) continue;
                var high = space.Read(offset + 4, 4);
                space.Write(offset + 4, 4, uint.MaxValue);
                Assert.Equal((uint)(~(size - 1) >> 32), space.Read(offset + 4, 4));
                space.Write(offset + 4, 4, high);
                Assert.Equal(high, space.Read(offset + 4, 4));
            }

            Assert.Equal(host, space.Host.CopyConfigSpace(PciLimits.ConventionalConfigSize)); // the device's BARs are never written
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>The group that owns an address: the first instantiated group containing it (as lookups resolve it).</summary>
    private static RegisterGroupView? Owner(VirtualConfigSpace space, int address) =>
        space.Groups.FirstOrDefault(g => address >= g.Offset && address < g.Offset + g.Size);

    /// <summary>What the emulated bits must read after the write: the guest's bits, except a D-state the PMC lacks.</summary>
    private static uint ExpectedEmulated(PciFunction host, RegisterModel r, ConfigAccess w, uint before)
    {
        var value = r.Align(w.Offset, w.Value);
        if (r.Kind != RegisterKind.PowerControl || (r.Valid(w.Offset, w.Size) & 0x3) == 0) return value;
        var pmc = host.Read(r.Offset - 2, 2);
        var state = value & 0x3;
        var unsupported = (state == 1 && (pmc & 0x0200) == 0) || (state == 2 && (pmc & 0x0400) == 0);
        return unsupported ? (value & ~0x3u) | (before & 0x3) : value;
    }

    /// <summary>Reads: hidden groups read 0, unknown bytes and non-emulated bits read the device.</summary>
    private static void AssertReadsAsSpecified(VirtualConfigSpace space, List<RegisterModel> owned, byte[] guest)
    {
        var host = space.Host.CopyConfigSpace(PciLimits.ConventionalConfigSize);
        for (var b = 0; b < guest.Length; b++)
        {
            var owner = Owner(space, b);
            if (owner is { Type: RegisterGroupType.Hardwired }) Assert.True(guest[b] == 0, $"hidden {owner.Name} byte 0x{b:x2} reads 0x{guest[b]:x2}");
            else if (!owned.Any(r => r.Covers(b))) Assert.True(guest[b] == host[b], $"unknown byte 0x{b:x2} must read the device");
        }

        foreach (var r in owned)
        {
            var notEmulated = ~r.Emu & r.Width;
            Assert.True((RegisterModel.Get(guest, r.Offset, r.Size) & notEmulated) == (RegisterModel.Get(host, r.Offset, r.Size) & notEmulated), $"{r.Name}: non-emulated bits must read the device");
        }
    }

    /// <summary>Per device byte, the bits the table lets this write reach the device with.</summary>
    private static byte[] Through(VirtualConfigSpace space, List<RegisterModel> regs, ConfigAccess w, bool permissive)
    {
        var allowed = new byte[PciLimits.ConventionalConfigSize];
        if (Owner(space, w.Offset) is { Type: RegisterGroupType.Hardwired }) return allowed;
        for (var b = w.Offset; b < w.Offset + w.Size; b++)
        {
            var owner = Owner(space, b);
            var r = owner is null ? null : regs.FirstOrDefault(x => x.Covers(b) && x.Offset >= owner.Offset && x.Offset < owner.Offset + owner.Size);
            if (r is null)
            {
                allowed[b] = permissive ? (byte)0xff : (byte)0;
                continue;
            }

            var through = ~(r.Emu | r.Ro) & (permissive ? uint.MaxValue : ~r.Res) & r.Width;
            if (r.Kind == RegisterKind.Command && ((r.Align(w.Offset, w.Value) & PciConfigRegisters.CommandIntxDisable) != 0 || space.Host.InterruptPin != 0))
            {
                through |= PciConfigRegisters.CommandIntxDisable;
            }

            var covered = (r.Emu | r.Ro | (permissive ? 0 : r.Res)) & r.Width;
            if (r.Kind == RegisterKind.Bar || covered == r.Width) through = 0;
            allowed[b] = (byte)(through >> (8 * (b - r.Offset)));
        }

        return allowed;
    }

    private static void AssertGuestChain(VirtualConfigSpace space)
    {
        var guest = space.GuestView();
        var listed = (guest[PciConfigRegisters.Status] & PciConfigRegisters.StatusCapList) != 0;
        Assert.Equal(guest[PciConfigRegisters.CapabilityList] != 0, listed);
        var emulated = space.Groups.Where(g => g.Type == RegisterGroupType.Emulated && g.CapabilityId != XenPtRegisterTable.HeaderGroupId).Select(g => g.Offset).ToHashSet();
        var seen = new List<int>();
        var ptr = (int)guest[PciConfigRegisters.CapabilityList];
        while (ptr != 0)
        {
            Assert.True(ptr % 4 == 0 && ptr >= PciConfigRegisters.HeaderSize && ptr <= PciLimits.ConventionalConfigSize - 4, $"guest capability pointer 0x{ptr:x2} after [{string.Join(", ", seen.Select(s => s.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))}]");
            Assert.False(seen.Contains(ptr), $"guest capability chain loops back to 0x{ptr:x2}");
            seen.Add(ptr);
            Assert.True(emulated.Contains(ptr), $"capability 0x{guest[ptr]:x2} at 0x{ptr:x2} has no emulated group of its own: hidden or unrelinked");
            ptr = guest[ptr + 1];
        }

        Assert.Equal(emulated.Order(), seen.Order());
    }
}
