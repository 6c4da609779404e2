using System.Globalization;
using System.Text.RegularExpressions;
using XenActors.Actor;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Drill;

/// <summary>
/// Puts one host's real xenbus states on the drill timeline: a dom0 watch on /local/domain, and for every
/// write to a pci backend's state / state-N (pciback's lane) or a guest's device/pci/0/state (that guest's
/// pcifront lane) the value now in the store, as "state=Reconfiguring(7)".
/// </summary>
public sealed partial class XenbusLaneWatcher : ReceiveActor
{
    private const string Token = "drill-lanes";
    private readonly XenStoreClient store;
    private readonly string host;
    private readonly Func<DrillRecorder> recorder;
    private readonly Func<string, int, string?> guestName;

    public XenbusLaneWatcher(IActorRef store, string host, Func<DrillRecorder> recorder, Func<string, int, string?> guestName)
    {
        this.store = new XenStoreClient(store, 0, Self);
        this.host = host;
        this.recorder = recorder;
        this.guestName = guestName;
        ReceiveAsync<Start>(_ => this.store.WatchAsync("/local/domain", Token));
        ReceiveAsync<XsWatchEvent>(OnWrittenAsync);
    }

    public static Props Props(IActorRef store, string host, Func<DrillRecorder> recorder, Func<string, int, string?> guestName) =>
        Actor.Props.Create(() => new XenbusLaneWatcher(store, host, recorder, guestName));

    protected override void PreStart() => Self.Tell(Start.Instance);

    private async Task OnWrittenAsync(XsWatchEvent e)
    {
        string lane;
        string key;
        var backend = BackendState().Match(e.Path);
        var frontend = FrontendState().Match(e.Path);
        if (backend.Success)
        {
            lane = DrillLanes.Pciback(host);
            key = FormattableString.Invariant($"dom{backend.Groups[1].Value} {backend.Groups[2].Value}");
        }
        else if (frontend.Success && guestName(host, int.Parse(frontend.Groups[1].Value, CultureInfo.InvariantCulture)) is { } guest)
        {
            lane = DrillLanes.Pcifront(guest);
            key = "state";
        }
        else
        {
            return;
        }

        var at = Context.System.TimeProvider.GetUtcNow();
        if (await store.TryReadAsync(e.Path) is { } value && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            recorder().Mark(lane, at, $"{key}={(XenbusState)n}({n})");
    }

    [GeneratedRegex(@"^/local/domain/\d+/backend/pci/(\d+)/0/(state(?:-\d+)?)$")]
    private static partial Regex BackendState();

    [GeneratedRegex(@"^/local/domain/(\d+)/device/pci/0/state$")]
    private static partial Regex FrontendState();

    private sealed class Start
    {
        public static readonly Start Instance = new();
    }
}
