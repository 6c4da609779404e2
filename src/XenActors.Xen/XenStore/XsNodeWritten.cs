namespace XenActors.Xen.XenStore;

/// <summary>
/// Published on the EventStream by the XenStore actor for every committed write, in commit order
/// (a transaction's writes when it commits), so a journal sees the exact global sequence of state changes.
/// </summary>
public sealed record XsNodeWritten(uint DomId, string Path, string Value);
