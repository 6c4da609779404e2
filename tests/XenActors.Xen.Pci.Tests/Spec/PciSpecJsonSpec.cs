using System.Text.Json;
using XenActors.Xen.Pci.Spec;

namespace XenActors.Xen.Pci.Tests.Spec;

public class PciSpecJsonSpec
{
    [Fact]
    public void Must_write_the_xend_list_spec_as_one_json_object()
    {
        var json = PciSpecJson.Write(PciSpec.Parse("00:02.0,3-5@7,permissive=1,rdm_policy=Relaxed"));

        Assert.Equal(
            """{"domain":0,"bus":0,"device":2,"functions":[0,3,4,5],"vslot":7,"options":{"permissive":1,"msitranslate":null,"power_mgmt":null,"seize":null,"rdm_policy":"relaxed","name":null}}""",
            json);
    }

    [Fact]
    public void Must_write_star_as_a_string_and_the_name_form_with_null_address()
    {
        using var star = JsonDocument.Parse(PciSpecJson.Write(PciSpec.Parse("01:00.*@2")));
        using var named = JsonDocument.Parse(PciSpecJson.Write(PciSpec.Parse("name=nic0")));

        Assert.Equal("*", star.RootElement.GetProperty("functions").GetString());
        Assert.Equal(JsonValueKind.Null, named.RootElement.GetProperty("domain").ValueKind);
        Assert.Equal("nic0", named.RootElement.GetProperty("options").GetProperty("name").GetString());
    }
}
