using System.Text;
using System.Text.Json;

namespace XenActors.Xen.Pci.Spec;

/// <summary>
/// One spec as a JSON object, the shape <c>xenactors pci parse --json</c> prints:
/// <c>{"domain":0,"bus":1,"device":0,"functions":[0,3]|"*","vslot":2|null,"options":{...}}</c>.
/// Absent values are null (domain/bus/device in the name= form, options not given).
/// </summary>
public static class PciSpecJson
{
    public static string Write(PciSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            Number(w, "domain", spec.Slot?.Domain);
            Number(w, "bus", spec.Slot?.Bus);
            Number(w, "device", spec.Slot?.Device);
            if (spec.Slot is null)
            {
                w.WriteNull("functions");
            }
            else if (spec.Functions.IsAll)
            {
                w.WriteString("functions", "*");
            }
            else
            {
                w.WriteStartArray("functions");
                foreach (var f in spec.Functions.Functions) w.WriteNumberValue(f);
                w.WriteEndArray();
            }

            Number(w, "vslot", spec.VirtualSlot);
            w.WriteStartObject("options");
            Number(w, "permissive", spec.Options.Permissive);
            Number(w, "msitranslate", spec.Options.MsiTranslate);
            Number(w, "power_mgmt", spec.Options.PowerMgmt);
            Number(w, "seize", spec.Options.Seize);
            if (spec.Options.RdmPolicy is { } r) w.WriteString("rdm_policy", r == RdmPolicy.Strict ? "strict" : "relaxed");
            else w.WriteNull("rdm_policy");
            if (spec.Options.Name is { } n) w.WriteString("name", n);
            else w.WriteNull("name");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
