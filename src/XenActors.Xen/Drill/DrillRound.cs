using System.Text.Json.Serialization;
using XenActors.Xen.Migration;

namespace XenActors.Xen.Drill;

/// <summary>One pre-copy round in the JSON report.</summary>
public sealed record DrillRound(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("pagesSent")] long PagesSent,
    [property: JsonPropertyName("bytesSent")] long BytesSent,
    [property: JsonPropertyName("dirtyPagesLeft")] long DirtyPagesLeft,
    [property: JsonPropertyName("durationMs")] double DurationMs,
    [property: JsonPropertyName("stopAndCopy")] bool StopAndCopy)
{
    public static DrillRound From(PreCopyRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return new(round.Round, round.PagesSent, round.BytesSent, round.DirtyPagesLeft, round.Duration.TotalMilliseconds, round.StopAndCopy);
    }
}
