using XenActors.Xen.Pci.Spec;

namespace XenActors.Xen.Pci.Tests.Spec;

public class PciSpecGrammarSpec
{
    [Fact]
    public void Must_read_a_bus_device_function_without_domain_as_domain_0_function_0()
    {
        var spec = PciSpec.Parse("01:00.0");

        Assert.Equal(new PciSlotAddress(0, 1, 0), spec.Slot);
        Assert.Equal(PciFunctionSet.Single(0), spec.Functions);
        Assert.Null(spec.VirtualSlot);
        Assert.Equal(new PciAddress(0, 1, 0, 0), spec.SingleAddress);
    }

    [Fact]
    public void Must_read_the_domain_when_the_bdf_has_two_colons()
    {
        var spec = PciSpec.Parse("abcd:ff:1f.7");

        Assert.Equal(new PciSlotAddress(0xabcd, 0xff, 0x1f), spec.Slot);
        Assert.Equal(PciFunctionSet.Single(7), spec.Functions);
    }

    [Fact]
    public void Must_point_at_the_bad_function_with_column_and_caret()
    {
        var e = Assert.Throws<PciSpecException>(() => PciSpec.Parse("00:1d.9"));

        Assert.Equal("malformed PCI_SPEC_STRING \"00:1d.9\": function must be 0-7 or '*' at column 7", e.Summary);
        Assert.Equal(7, e.Column);
        Assert.Equal("      ^", e.CaretLine);
        Assert.Equal(e.Summary + "\n00:1d.9\n      ^", e.Message);
    }

    [Theory]
    [InlineData("00:20.0", 4, "device must be 00-1f")]
    [InlineData("00:00.8", 7, "function must be 0-7 or '*'")]
    [InlineData("100:00.0", 1, "bus must be 00-ff")]
    [InlineData("10000:00:00.0", 1, "domain must be 0000-ffff")]
    [InlineData("00:1d", 6, "expected '.' and a function after the device number")]
    [InlineData("00:1d.", 7, "function must be 0-7 or '*'")]
    [InlineData("0:0:0:0.0", 6, "too many ':' in the BDF; expected [DDDD:]BB:DD.F")]
    [InlineData("xyz", 1, "expected [DDDD:]BB:DD.F (hex numbers separated by ':' and '.')")]
    [InlineData("01:00.0#", 8, "expected '@', ',' or the end after the function")]
    [InlineData("01:00.0@20", 9, "virtual slot must be 00-1f")]
    [InlineData("01:00.0@", 9, "expected a virtual slot (hex 00-1f)")]
    [InlineData("01:00.0@3x", 10, "expected ',' or the end after the virtual slot")]
    [InlineData("00:02.3-1", 9, "function range 3-1 must ascend")]
    [InlineData("00:02.0,0", 9, "function 0 is given twice")]
    [InlineData("00:02.*,3", 9, "'*' cannot be combined with other functions")]
    [InlineData("00:02.1,*", 9, "'*' cannot be combined with other functions")]
    [InlineData("01:00.0,permissive", 9, "option 'permissive' needs '=value'")]
    [InlineData("01:00.0,frobnicate=1", 9, "Unknown PCI_SPEC_STRING option: frobnicate")]
    [InlineData("01:00.0,permissive=yes", 20, "permissive must be a decimal integer (0 or 1), not 'yes'")]
    [InlineData("01:00.0,rdm_policy=loose", 20, "rdm_policy must be 'strict' or 'relaxed', not 'loose'")]
    [InlineData("01:00.0,", 9, "empty option; expected key=value")]
    [InlineData("", 1, "empty PCI_SPEC_STRING; expected [DDDD:]BB:DD.F[@VSLOT][,key=value]* or name=NAME")]
    [InlineData("permissive=1", 1, "a BDF or name= is required")]
    [InlineData("01:00.0,name=nic", 9, "give either a BDF or name=, not both")]
    [InlineData("bdf=01:00.0x", 12, "expected ',' or the end after bdf=")]
    public void Must_refuse_a_malformed_spec_and_say_where(string text, int column, string reason)
    {
        var e = Assert.Throws<PciSpecException>(() => PciSpec.Parse(text));

        Assert.Equal(reason, e.Reason);
        Assert.Equal(column, e.Column);
        Assert.StartsWith($"malformed PCI_SPEC_STRING \"{text}\": {reason} at column {column}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_read_star_with_a_virtual_slot()
    {
        var spec = PciSpec.Parse("01:00.*@2");

        Assert.True(spec.Functions.IsAll);
        Assert.Equal(2, spec.VirtualSlot);
        Assert.Null(spec.SingleAddress);
    }

    [Fact]
    public void Must_read_the_xend_function_list_with_ranges_before_the_virtual_slot()
    {
        var spec = PciSpec.Parse("00:02.0,3-5@7");

        Assert.Equal([0, 3, 4, 5], spec.Functions.Functions);
        Assert.Equal(7, spec.VirtualSlot);
        Assert.Equal("0000:00:02.0,3-5@07", spec.ToString());
    }

    [Fact]
    public void Must_tell_a_function_list_item_from_an_option_after_a_comma()
    {
        var spec = PciSpec.Parse("00:1d.0,2,permissive=1,seize=1");

        Assert.Equal([0, 2], spec.Functions.Functions);
        Assert.Equal(1, spec.Options.Permissive);
        Assert.Equal(1, spec.Options.Seize);
    }

    [Fact]
    public void Must_read_every_libxl_option()
    {
        var spec = PciSpec.Parse("0000:03:00.1@4,permissive=1,msitranslate=0,power_mgmt=1,seize=1,rdm_policy=relaxed");

        Assert.Equal(new PciSpecOptions { Permissive = 1, MsiTranslate = 0, PowerMgmt = 1, Seize = 1, RdmPolicy = RdmPolicy.Relaxed }, spec.Options);
        Assert.Equal(4, spec.VirtualSlot);
    }

    [Theory]
    [InlineData("STRICT", RdmPolicy.Strict)]
    [InlineData("Relaxed", RdmPolicy.Relaxed)]
    public void Must_read_rdm_policy_case_insensitively(string value, RdmPolicy expected)
    {
        Assert.Equal(expected, PciSpec.Parse($"01:00.0,rdm_policy={value}").Options.RdmPolicy);
    }

    [Fact]
    public void Must_default_rdm_policy_to_strict_when_not_given()
    {
        var spec = PciSpec.Parse("01:00.0");

        Assert.Null(spec.Options.RdmPolicy);
        Assert.Equal(RdmPolicy.Strict, spec.Options.EffectiveRdmPolicy);
    }

    [Fact]
    public void Must_read_the_keyed_form_with_bdf_and_vslot()
    {
        var spec = PciSpec.Parse("bdf=0000:03:00.1,vslot=1f,permissive=1");

        Assert.Equal(new PciSlotAddress(0, 3, 0), spec.Slot);
        Assert.Equal(PciFunctionSet.Single(1), spec.Functions);
        Assert.Equal(0x1f, spec.VirtualSlot);
        Assert.Equal(1, spec.Options.Permissive);
    }

    [Fact]
    public void Must_keep_the_last_of_repeated_bdf_keys_as_libxl_does()
    {
        Assert.Equal(new PciSlotAddress(0, 2, 0), PciSpec.Parse("bdf=01:00.0,bdf=02:00.0").Slot);
    }

    [Fact]
    public void Must_read_the_name_form_and_format_it_back()
    {
        var spec = PciSpec.Parse("name=gpu0,vslot=3,rdm_policy=strict");

        Assert.Null(spec.Slot);
        Assert.Equal("gpu0", spec.Options.Name);
        Assert.Equal("name=gpu0,vslot=03,rdm_policy=strict", spec.ToString());
    }

    [Fact]
    public void Must_refuse_a_name_longer_than_64_characters()
    {
        var e = Assert.Throws<PciSpecException>(() => PciSpec.Parse("name=" + new string('n', 65)));

        Assert.Equal("Name too long (at most 64 characters)", e.Reason);
        Assert.Equal(70, e.Column);
    }
}
