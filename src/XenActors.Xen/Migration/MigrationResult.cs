namespace XenActors.Xen.Migration;

/// <summary>The end of one migration, with everything a drill report needs.</summary>
public sealed record MigrationResult
{
    public required string Guest { get; init; }

    public required string From { get; init; }

    public required MigrationOutcome Outcome { get; init; }

    /// <summary>Why it did not complete; null when it did.</summary>
    public string? Reason { get; init; }

    public int SourceDomid { get; init; }

    /// <summary>The guest's id on the destination, when it got one.</summary>
    public int? DestinationDomid { get; init; }

    public IReadOnlyList<PreCopyRound> Rounds { get; init; } = [];

    public StopAndCopyReason StopReason { get; init; }

    /// <summary>From the source's pause to the destination's resume; zero when the guest was never paused.</summary>
    public TimeSpan Downtime { get; init; }

    public string? SourceChecksum { get; init; }

    public string? DestinationChecksum { get; init; }

    /// <summary>
    /// The destination resumed the guest: it runs there whatever the outcome. A failed outcome with this set is a
    /// failure after switch-over (the source's checksum differed), not a rollback.
    /// </summary>
    public bool SwitchedOver { get; init; }

    public bool ChecksumMatch => SourceChecksum is not null && SourceChecksum == DestinationChecksum;

    public DateTimeOffset Started { get; init; }

    public DateTimeOffset Finished { get; init; }

    public long PagesSent => Rounds.Sum(r => r.PagesSent);

    public long BytesSent => Rounds.Sum(r => r.BytesSent);
}
