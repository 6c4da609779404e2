namespace XenActors.Xen.Store;

/// <summary>
/// Marks one public call on the core; when the outermost one ends, the watch events it caused
/// are handed to the sinks. Keeps events behind the reply and lets duplicates coalesce.
/// </summary>
internal readonly struct XsBatchScope(XenStoreCore core) : IDisposable
{
    public void Dispose() => core.EndBatch();
}
