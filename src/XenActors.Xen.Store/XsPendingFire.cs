using XenActors.Xen.Store.Model;

namespace XenActors.Xen.Store;

/// <summary>
/// A change to announce to watchers: <paramref name="Exact"/> fires only watches on exactly this path
/// (children of a removed subtree); <paramref name="Acl"/> and <paramref name="OldAcl"/> decide who may see it.
/// </summary>
internal readonly record struct XsPendingFire(string Path, bool Exact, XsAcl? Acl, XsAcl? OldAcl);
