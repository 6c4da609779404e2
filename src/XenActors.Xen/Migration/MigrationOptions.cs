namespace XenActors.Xen.Migration;

/// <summary>When pre-copy stops and how it batches pages; defaults from <see cref="MigrationDefaults"/>.</summary>
public sealed record MigrationOptions
{
    /// <summary>Rounds in all, the stop-and-copy round included (xc_domain_save's max_iters).</summary>
    public int MaxRounds { get; init; } = MigrationDefaults.MaxRounds;

    /// <summary>A live round leaving fewer dirty pages than this goes to the last iteration.</summary>
    public int DirtyPageThreshold { get; init; } = MigrationDefaults.DirtyPageThreshold;

    /// <summary>Stop and copy once the dirty set could be sent in this time at the last round's throughput; zero turns the rule off.</summary>
    public TimeSpan DowntimeTarget { get; init; } = MigrationDefaults.DowntimeTarget;

    public int PagesPerBatch { get; init; } = MigrationDefaults.PagesPerBatch;

    public NonConvergencePolicy OnNonConvergence { get; init; } = NonConvergencePolicy.StopAndCopy;

    /// <summary>
    /// Destroy the suspended source domain once the destination resumed it. False when the toolstack does it
    /// (xend's relocation tears the domain down with its XenStore home, as xm destroy does).
    /// </summary>
    public bool DestroySource { get; init; } = true;

    public void Validate()
    {
        if (MaxRounds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRounds), MaxRounds, "pre-copy needs at least one live round and the last iteration");
        }

        if (DirtyPageThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DirtyPageThreshold), DirtyPageThreshold, "must be 0 or more");
        }

        if (DowntimeTarget < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DowntimeTarget), DowntimeTarget, "must not be negative");
        }

        if (PagesPerBatch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PagesPerBatch), PagesPerBatch, "must be at least 1");
        }
    }
}
