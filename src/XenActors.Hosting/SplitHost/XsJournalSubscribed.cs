namespace XenActors.Hosting.SplitHost;

/// <summary>The journal's answer to <see cref="XsJournalSubscribe"/>: writes committed from here on are delivered.</summary>
public sealed record XsJournalSubscribed(long Delivered);
