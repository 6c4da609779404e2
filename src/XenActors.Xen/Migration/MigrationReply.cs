namespace XenActors.Xen.Migration;

/// <summary>The destination's answer to one record.</summary>
public sealed record MigrationReply
{
    /// <summary>Null when the record was applied; otherwise why the destination refused it.</summary>
    public string? Error { get; init; }

    /// <summary>The domid the guest has on the destination (remapped: ids are per host).</summary>
    public int? DestinationDomid { get; init; }

    /// <summary>Set in the answer to <see cref="MigrationCommit"/>.</summary>
    public string? DestinationChecksum { get; init; }

    /// <summary>When the destination unpaused the guest: the end of the downtime.</summary>
    public DateTimeOffset? ResumedAt { get; init; }

    public static MigrationReply Applied { get; } = new();

    public static MigrationReply Refused(string error) => new() { Error = error };
}
