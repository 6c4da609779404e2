using System.Globalization;
using System.Text.RegularExpressions;
using XenActors.Actor;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Drill;

/// <summary>
/// Puts one host's real xenbus states on the drill timeline: every committed write of the host's store
/// (<see cref="XsSubscribeWrites"/>) to a pci backend's state / state-N (pciback's lane) or a guest's
/// device/pci/0/state (that guest's pcifront lane), with the value written, as "state=Reconfiguring(7)". A watch
/// would do but for its reader: by the time it reads, a quick driver may have passed the state already.
/// </summary>
public sealed partial class XenbusLaneWatcher : ReceiveActor
{
    private readonly IActorRef store;
    private readonly string host;
    private readonly Func<DrillRecorder> recorder;
    private readonly Func<string, int, string?> guestName;

    public XenbusLaneWatcher(IActorRef store, string host, Func<DrillRecorder> recorder, Func<string, int, string?> guestName)
    {
        this.store = store;
        this.host = host;
        this.recorder = recorder;
        this.guestName = guestName;
        Receive<Start>(_ => this.store.Tell(new XsSubscribeWrites(Self), Self));
        Receive<XsResult>(_ => { }); // the subscription's answer
        Receive<XsNodeWritten>(OnWritten);
    }

    public static Props Props(IActorRef store, string host, Func<DrillRecorder> recorder, Func<string, int, string?> guestName) =>
        Actor.Props.Create(() => new XenbusLaneWatcher(store, host, recorder, guestName));

    protected override void PreStart() => Self.Tell(Start.Instance);

    private void OnWritten(XsNodeWritten e)
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
        if (int.TryParse(e.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
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
