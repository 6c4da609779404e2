namespace XenActors.Xen.Drill;

/// <summary>
/// The toolstack's part once the destination resumed a migrated guest: the destination xend takes the new
/// domain over (XenStore home under the new domid, frontends free to reconnect), the source xend destroys the
/// suspended domain and its home. <paramref name="completed"/> gets null or what failed; it runs later, never inside the call.
/// </summary>
public interface IGuestRelocation
{
    void Relocated(string from, int sourceDomid, string to, int destinationDomid, Action<string?> completed);
}
