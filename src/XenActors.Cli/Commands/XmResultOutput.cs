using System.Text.Json.Nodes;
using XenActors.Xen.Hvm;
using XenActors.Xen.Xend;

namespace XenActors.Cli.Commands;

/// <summary>
/// How xm prints xend's answer: as JSON (<c>success</c>, <c>message</c>, <c>lines</c>, <c>domid</c>, <c>trail</c>) or as
/// text, where an HVM hot-plug's trail is one indented line per hop (<c>  Xm -> Xend: xm pci-attach ...</c>).
/// </summary>
public static class XmResultOutput
{
    /// <summary>The result as one JSON object; <c>trail</c> is null unless xend sent one (HVM pci-attach/-detach).</summary>
    public static JsonObject ToJson(XmResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JsonObject
        {
            ["success"] = result.Success,
            ["message"] = result.Message,
            ["lines"] = new JsonArray([.. result.Lines.Select(l => (JsonNode?)JsonValue.Create(l))]),
            ["domid"] = result.Domid,
            ["trail"] = result.Trail is { } trail ? TrailToJson(trail) : null,
        };
    }

    /// <summary>Every hop in order as <c>{"from": "Xm", "to": "Xend", "event": "..."}</c>.</summary>
    public static JsonArray TrailToJson(HotplugTrail trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return new JsonArray([.. trail.Hops.Select(h => (JsonNode?)new JsonObject
        {
            ["from"] = h.From.ToString(),
            ["to"] = h.To.ToString(),
            ["event"] = h.Event,
        })]);
    }

    /// <summary>One indented line per hop (ASCII arrow: terminals and logs without UTF-8 print it too).</summary>
    public static IEnumerable<string> TrailLines(HotplugTrail trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return trail.Hops.Select(h => $"  {h.From} -> {h.To}: {h.Event}");
    }
}
