using XenActors.Actor;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Drill;

/// <summary>
/// Relocation through the hosts' xends: the destination xend introduces the restored domain (home recreated
/// under its new domid, kernel started, frontends reconnect), then the source xend destroys the suspended
/// domain, which removes its home and backend directories.
/// </summary>
public sealed class XendRelocation(IReadOnlyDictionary<string, XendEndpoint> hosts, TimeSpan timeout, Action<string, int, int>? relocated = null) : IGuestRelocation
{
    public void Relocated(string from, int sourceDomid, string to, int destinationDomid, Action<string?> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        _ = Task.Run(async () =>
        {
            string? error = null;
            try
            {
                relocated?.Invoke(to, sourceDomid, destinationDomid);
                var introduced = await hosts[to].Xend.Ask<XmResult>(new XmIntroduceDomain(destinationDomid), timeout);
                if (!introduced.Success)
                    error = $"{to}: {introduced.Message}";
                var destroyed = await hosts[from].Xend.Ask<XmResult>(new XmDestroy(sourceDomid), timeout);
                if (!destroyed.Success)
                    error = (error is null ? "" : error + "; ") + $"{from}: {destroyed.Message}";
            }
            catch (TimeoutException e)
            {
                error = e.Message;
            }

            completed(error);
        });
    }
}
