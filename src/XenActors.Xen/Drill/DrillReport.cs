using System.Text.Json.Serialization;

namespace XenActors.Xen.Drill;

/// <summary>
/// The result of one guest's drill, with exactly the top-level names drill consumers read: guest, from, to,
/// outcome, phases, rounds, downtimeMs, packetsSent, packetsLost, packetsDuplicated, memoryChecksumMatch,
/// devicesBefore, devicesAfter.
/// </summary>
public sealed record DrillReport
{
    [JsonPropertyName("guest")]
    public required string Guest { get; init; }

    [JsonPropertyName("from")]
    public required string From { get; init; }

    [JsonPropertyName("to")]
    public required string To { get; init; }

    /// <summary>completed, refused, failed or cancelled (the migration's outcome, lower case).</summary>
    [JsonPropertyName("outcome")]
    public required string Outcome { get; init; }

    [JsonPropertyName("phases")]
    public IReadOnlyList<DrillPhase> Phases { get; init; } = [];

    [JsonPropertyName("rounds")]
    public IReadOnlyList<DrillRound> Rounds { get; init; } = [];

    [JsonPropertyName("downtimeMs")]
    public double DowntimeMs { get; init; }

    [JsonPropertyName("packetsSent")]
    public long PacketsSent { get; init; }

    [JsonPropertyName("packetsLost")]
    public long PacketsLost { get; init; }

    [JsonPropertyName("packetsDuplicated")]
    public long PacketsDuplicated { get; init; }

    [JsonPropertyName("memoryChecksumMatch")]
    public bool MemoryChecksumMatch { get; init; }

    /// <summary>Pass-through devices of the guest before the drill, as <c>host/ssss:bb:dd.f</c>.</summary>
    [JsonPropertyName("devicesBefore")]
    public IReadOnlyList<string> DevicesBefore { get; init; } = [];

    [JsonPropertyName("devicesAfter")]
    public IReadOnlyList<string> DevicesAfter { get; init; } = [];

    /// <summary>Where the guest runs after the drill (not in the JSON: scripts read devicesAfter).</summary>
    [JsonIgnore]
    public string RunsOn { get; init; } = "";

    /// <summary>The guest's domid on <see cref="RunsOn"/>.</summary>
    [JsonIgnore]
    public int Domid { get; init; }

    /// <summary>Why the drill did not complete; null when it did.</summary>
    [JsonIgnore]
    public string? Reason { get; init; }
}
