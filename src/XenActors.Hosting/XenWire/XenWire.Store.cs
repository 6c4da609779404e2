using XenActors.Remote.Serialization;

namespace XenActors.Hosting.XenWire;

public static partial class XenWire
{
    private static void RegisterStore(SerializerRegistry r)
    {
        var c = XsJsonContext.Default;
        Json(r, "xen.xs.Read", c.XsRead);
        Json(r, "xen.xs.Write", c.XsWrite);
        Json(r, "xen.xs.Mkdir", c.XsMkdir);
        Json(r, "xen.xs.Rm", c.XsRm);
        Json(r, "xen.xs.Directory", c.XsDirectory);
        Json(r, "xen.xs.SetPerms", c.XsSetPerms);
        Json(r, "xen.xs.GetPerms", c.XsGetPerms);
        Json(r, "xen.xs.Watch", c.XsWatch);
        Json(r, "xen.xs.Unwatch", c.XsUnwatch);
        Json(r, "xen.xs.TransactionStart", c.XsTransactionStart);
        Json(r, "xen.xs.TransactionEnd", c.XsTransactionEnd);
        Json(r, "xen.xs.Introduce", c.XsIntroduce);
        Json(r, "xen.xs.Release", c.XsRelease);
        Json(r, "xen.xs.List", c.XsList);
        Json(r, "xen.xs.Result", c.XsResult);
        Json(r, "xen.xs.Listing", c.XsListing);
        Json(r, "xen.xs.ListingEntry", c.XsListingEntry);
        Json(r, "xen.xs.WatchEvent", c.XsWatchEvent);
        Json(r, "xen.xs.NodeWritten", c.XsNodeWritten);
        Json(r, "xen.xs.SubscribeWrites", c.XsSubscribeWrites);
    }
}
