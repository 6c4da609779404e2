using FsCheck;
using FsCheck.Fluent;
using XenActors.Xen.Pci.Spec;

namespace XenActors.Xen.Pci.Tests.Spec;

public class PciSpecRoundTripSpec
{
    private static Gen<int?> OptionalFlag =>
        Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(-1, 2).Select(x => (int?)x));

    private static Gen<PciSpecOptions> Options(bool withName) =>
        from p in OptionalFlag
        from m in OptionalFlag
        from pm in OptionalFlag
        from sz in OptionalFlag
        from r in Gen.Elements<RdmPolicy?>(null, RdmPolicy.Strict, RdmPolicy.Relaxed)
        from name in Gen.Elements("nic0", "usb-set", "a", "GPU_1", "x y")
        select new PciSpecOptions { Permissive = p, MsiTranslate = m, PowerMgmt = pm, Seize = sz, RdmPolicy = r, Name = withName ? name : null };

    private static Gen<PciSpec> Specs =>
        Gen.OneOf(
            from d in Gen.Choose(0, 0xffff)
            from b in Gen.Choose(0, 0xff)
            from dev in Gen.Choose(0, 0x1f)
            from all in Gen.Elements(false, false, true)
            from mask in Gen.Choose(1, 255)
            from vs in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 0x1f).Select(x => (int?)x))
            from o in Options(withName: false)
            select new PciSpec
            {
                Slot = new PciSlotAddress(d, b, dev),
                Functions = all ? PciFunctionSet.All : PciFunctionSet.FromMask((byte)mask),
                VirtualSlot = vs,
                Options = o,
            },
            from vs in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 0x1f).Select(x => (int?)x))
            from o in Options(withName: true)
            select new PciSpec { VirtualSlot = vs, Options = o });

    [Fact]
    public void Must_parse_the_formatted_text_of_any_spec_back_to_an_equal_spec()
    {
        Prop.ForAll(Specs.ToArbitrary(), spec => PciSpec.Parse(spec.ToString()) == spec)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_format_a_parsed_spec_to_a_fixed_point()
    {
        Prop.ForAll(Specs.ToArbitrary(), spec =>
            {
                var once = PciSpec.Parse(spec.ToString()).ToString();
                return PciSpec.Parse(once).ToString() == once;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_fail_only_with_PciSpecException_whatever_the_input()
    {
        var alphabet = Gen.Elements("0", "1", "7", "9", "f", "1d", ":", ".", ",", "@", "*", "-", "=", "bdf", "vslot", "name", "permissive", "x", " ");
        var junk = alphabet.ListOf().Select(parts => string.Concat(parts));

        Prop.ForAll(junk.ToArbitrary(), text =>
            {
                try
                {
                    var spec = PciSpec.Parse(text);
                    return PciSpec.Parse(spec.ToString()) == spec;
                }
                catch (PciSpecException e)
                {
                    return e.Column >= 1 && e.Column <= text.Length + 1;
                }
            })
            .QuickCheckThrowOnFailure();
    }
}
