using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pci.Planning;
using XenActors.Xen.Pci.Spec;

namespace XenActors.Xen.Pci.Tests.Planning;

public class MultiFunctionPlanSpec
{
    private static readonly PciInventory Host = new(
    [
        SyntheticDevices.UsbControllerSet(),
        SyntheticDevices.DualPortNic(),
        SyntheticDevices.SimpleNic(),
    ]);

    [Fact]
    public void Must_expand_star_to_the_functions_present_in_the_slot()
    {
        var plan = MultiFunctionPlan.Create(PciSpec.Parse("00:1d.*@8"), Host);

        Assert.Equal([0, 1, 2, 3, 7], plan.Assignments.Select(a => a.Physical.Function));
        Assert.Equal("0000:00:1d", plan.DeviceKey);
        Assert.True(plan.IsMultiFunction);
    }

    [Fact]
    public void Must_map_the_seed_figure_2_device_identically_at_the_virtual_slot()
    {
        var plan = MultiFunctionPlan.Create(PciSpec.Parse("00:1d.0-3,7@8"), Host);

        Assert.Equal([0x40, 0x41, 0x42, 0x43, 0x47], plan.Assignments.Select(a => a.VirtualDevfn!.Value));
    }

    [Fact]
    public void Must_make_the_lowest_physical_function_virtual_function_0_and_identity_map_the_rest()
    {
        var plan = MultiFunctionPlan.Create(PciSpec.Parse("00:1d.2,3,7@5"), Host);

        Assert.Equal([(2, 0), (3, 3), (7, 7)], plan.Assignments.Select(a => (a.Physical.Function, a.VirtualFunction)));
    }

    [Fact]
    public void Must_attach_and_detach_virtual_function_0_last_and_the_others_highest_first()
    {
        var plan = MultiFunctionPlan.Create(PciSpec.Parse("00:1d.1-3@5"), Host);

        Assert.Equal([3, 2, 0], plan.AttachOrder.Select(a => a.VirtualFunction));
        Assert.Equal([3, 2, 1], plan.AttachOrder.Select(a => a.Physical.Function));
        Assert.Equal(0, plan.DetachOrder[^1].VirtualFunction);
    }

    [Fact]
    public void Must_make_a_single_function_virtual_function_0_whatever_its_physical_number()
    {
        var plan = MultiFunctionPlan.Create(PciSpec.Parse("00:1d.7"), Host, VirtualFunctionPolicy.Libxl);

        var only = Assert.Single(plan.Assignments);
        Assert.Equal(0, only.VirtualFunction);
        Assert.Null(only.VirtualDevfn);
        Assert.False(plan.IsMultiFunction);
    }

    [Fact]
    public void Must_honour_an_explicit_virtual_slot()
    {
        var plan = MultiFunctionPlan.Create(PciSpec.Parse("03:00.*@1f"), Host);

        Assert.All(plan.Assignments, a => Assert.Equal(0x1f, a.VirtualSlot));
        Assert.Equal([0xf8, 0xf9], plan.Assignments.Select(a => a.VirtualDevfn!.Value));
    }

    [Fact]
    public void Must_refuse_under_libxl_a_set_without_function_0()
    {
        var e = Assert.Throws<PciPlanException>(() =>
            MultiFunctionPlan.Create(PciSpec.Parse("00:1d.1-2@6"), Host, VirtualFunctionPolicy.Libxl));

        Assert.EndsWith("does not include virtual function 0", e.Message, StringComparison.Ordinal);
        Assert.Equal("PCI device 0000:00:1d.1-2 at virtual slot 06 does not include virtual function 0", e.Message);
    }

    [Fact]
    public void Must_refuse_under_libxl_star_without_a_virtual_slot()
    {
        var e = Assert.Throws<PciPlanException>(() =>
            MultiFunctionPlan.Create(PciSpec.Parse("00:1d.*"), Host, VirtualFunctionPolicy.Libxl));

        Assert.Equal("Must specify a v-slot for multi-function devices", e.Message);
    }

    [Fact]
    public void Must_refuse_functions_that_are_not_present_and_name_them()
    {
        var e = Assert.Throws<PciPlanException>(() => MultiFunctionPlan.Create(PciSpec.Parse("00:1d.0,4-5"), Host));

        Assert.Equal("PCI functions 0000:00:1d.4, 0000:00:1d.5 not found on this host", e.Message);
    }

    [Fact]
    public void Must_refuse_star_on_an_empty_slot()
    {
        var e = Assert.Throws<PciPlanException>(() => MultiFunctionPlan.Create(PciSpec.Parse("00:1e.*@2"), Host));

        Assert.Contains("no function present in slot 0000:00:1e", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_refuse_a_name_spec_that_was_not_resolved()
    {
        Assert.Throws<PciPlanException>(() => MultiFunctionPlan.Create(PciSpec.Parse("name=nic"), Host));
    }
}
