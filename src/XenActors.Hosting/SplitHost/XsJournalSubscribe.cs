using XenActors.Actor;

namespace XenActors.Hosting.SplitHost;

/// <summary>
/// Sent to the xen node's <see cref="XsJournal"/>: from now on every committed XenStore write goes to
/// <paramref name="Subscriber"/> as an <see cref="Xen.XenStore.XsNodeWritten"/>, in commit order. Answered with
/// <see cref="XsJournalSubscribed"/> once active.
/// </summary>
public sealed record XsJournalSubscribe(IActorRef Subscriber);
