using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using XenActors.Xen.Drill;

namespace XenActors.Xen.Tests.Drill;

public sealed class DrillReportSpec(SampleDrillRun run) : IClassFixture<SampleDrillRun>
{
    private static readonly string[] RequiredNames =
    [
        "guest", "from", "to", "outcome", "phases", "rounds", "downtimeMs", "packetsSent", "packetsLost",
        "packetsDuplicated", "memoryChecksumMatch", "devicesBefore", "devicesAfter",
    ];

    [Fact]
    public void Must_write_an_array_of_guests_with_exactly_the_required_top_level_names()
    {
        using var json = JsonDocument.Parse(run.Json);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        foreach (var guest in json.RootElement.EnumerateArray())
        {
            Assert.Equal(RequiredNames.Order(StringComparer.Ordinal), guest.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.All(guest.GetProperty("phases").EnumerateArray(), p =>
                Assert.Equal(["end", "name", "start"], p.EnumerateObject().Select(x => x.Name).Order(StringComparer.Ordinal)));
        }
    }

    [Fact]
    public void Must_read_back_what_it_wrote()
    {
        var back = DrillReportJson.Deserialize(run.Json);
        Assert.Equal(run.Reports.Select(r => (r.Guest, r.Outcome, r.PacketsSent, r.DowntimeMs)), back.Select(r => (r.Guest, r.Outcome, r.PacketsSent, r.DowntimeMs)));
        Assert.Equal(run.Reports[0].Rounds, back[0].Rounds);
    }

    [Fact]
    public void Must_render_well_formed_html_with_one_lane_per_actor_and_every_phase()
    {
        var document = XDocument.Parse(run.Html.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal), LoadOptions.None);
        XNamespace svg = "http://www.w3.org/2000/svg";
        var lanes = document.Descendants(svg + "g").Where(g => (string?)g.Attribute("class") == "lane").Select(g => (string?)g.Attribute("data-lane") ?? "").ToList();
        Assert.Equal(run.Drill.Recorder.Lanes, lanes);
        Assert.Equal(lanes.Count, lanes.Distinct().Count());
        foreach (var lane in new[] { "xend@host-a", "xend@host-b", "pciback@host-a", "pciback@host-b", "hypervisor@host-a", "hypervisor@host-b", "pcifront@guest1", "bond@guest1: physical", "bond@guest1: virtual" })
        {
            Assert.Contains(lane, lanes);
        }

        var titles = document.Descendants(svg + "title").Select(t => t.Value).ToList();
        foreach (var phase in new[] { DrillPhaseNames.Warmup, DrillPhaseNames.HotRemove, DrillPhaseNames.Migrate, DrillPhaseNames.HotAdd, DrillPhaseNames.Settle })
        {
            Assert.Contains(titles, t => t.StartsWith(phase + ":", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Must_be_self_contained()
    {
        Assert.DoesNotContain("http://", run.Html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", run.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", run.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", run.Html, StringComparison.Ordinal);
    }
}
