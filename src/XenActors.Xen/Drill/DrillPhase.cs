using System.Text.Json.Serialization;

namespace XenActors.Xen.Drill;

/// <summary>One phase of a drill in the JSON report.</summary>
public sealed record DrillPhase(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset End);
