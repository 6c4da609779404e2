using XenActors.Cli.Commands;
using XenActors.Xen.Hvm;
using XenActors.Xen.Xend;

namespace XenActors.Cli.Tests;

/// <summary>What <c>xm pci-attach/-detach</c> prints for xend's answer: the trail as a JSON array of hops, or indented lines.</summary>
public sealed class XmResultOutputSpec
{
    private static readonly HotplugTrail Trail = HotplugTrail.Start(HotplugParticipant.Xm, HotplugParticipant.Xend, "xm pci-attach 1 00:1d.0")
        .Then(HotplugParticipant.Ioemu, HotplugParticipant.GuestKernel, "GPE bit 1")
        .Then(HotplugParticipant.Xend, HotplugParticipant.Xm, "0000:00:1d.0 attached to domain 1");

    [Fact]
    public void Must_give_the_trail_as_an_array_of_hops_in_order()
    {
        var json = XmResultOutput.ToJson(XmResult.Ok("0000:00:1d.0 attached to domain 1", ["w"], 1) with { Trail = Trail });
        var hops = json["trail"]!.AsArray();
        Assert.Equal(3, hops.Count);
        Assert.Equal(("Xm", "Xend", "xm pci-attach 1 00:1d.0"), ((string)hops[0]!["from"]!, (string)hops[0]!["to"]!, (string)hops[0]!["event"]!));
        Assert.Equal(("Ioemu", "GuestKernel"), ((string)hops[1]!["from"]!, (string)hops[1]!["to"]!));
        Assert.Equal(("Xend", "Xm"), ((string)hops[2]!["from"]!, (string)hops[2]!["to"]!));
        Assert.Equal((true, "0000:00:1d.0 attached to domain 1", 1), ((bool)json["success"]!, (string)json["message"]!, (int)json["domid"]!));
    }

    [Fact]
    public void Must_give_a_null_trail_when_xend_sent_none()
    {
        var json = XmResultOutput.ToJson(XmResult.Ok("Started domain guest (id=1)", domid: 1));
        Assert.True(json.ContainsKey("trail"));
        Assert.Null(json["trail"]);
    }

    [Fact]
    public void Must_print_one_indented_line_per_hop()
        => Assert.Equal(
            ["  Xm -> Xend: xm pci-attach 1 00:1d.0", "  Ioemu -> GuestKernel: GPE bit 1", "  Xend -> Xm: 0000:00:1d.0 attached to domain 1"],
            XmResultOutput.TrailLines(Trail));

    [Theory]
    [InlineData("pci-attach")]
    [InlineData("pci-detach")]
    public async Task Must_document_the_trail_option_in_help(string verb)
    {
        var result = await CliProcess.RunAsync("xm", verb, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--trail", result.StdOut, StringComparison.Ordinal);
    }
}
