using XenActors.Xen.Store;

namespace XenActors.Benchmarks.XenStore;

/// <summary>A connection sink for the core floor: nothing watches there.</summary>
internal sealed class DiscardSink : IXsConnectionSink
{
    public void WatchEvent(XsConnection connection, string path, string token)
    {
    }

    public void Released(XsConnection connection)
    {
    }
}
