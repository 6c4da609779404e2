using System.Globalization;
using System.Net;
using System.Text;

namespace XenActors.Xen.Drill;

/// <summary>
/// Renders a drill as one self-contained HTML page (inline SVG and CSS, nothing fetched): a lane per actor
/// with its spans (phases, rounds, active slaves) and instants (state changes) on a shared time axis, the
/// traffic rate per path underneath, then the per-guest summary and every event as a table, since
/// millisecond-apart xenbus steps cannot all be labelled on a seconds-wide axis (hover shows them too).
/// </summary>
public static class DrillTimelineHtml
{
    private const int Width = 1360;
    private const int LabelWidth = 230;
    private const int LaneHeight = 36;
    private const int SpanTop = 13;
    private const int SpanHeight = 20;
    private const int AxisHeight = 26;
    private const int RateHeight = 140;
    private const int PlotWidth = Width - LabelWidth - 20;

    public static string Render(DrillRecorder recorder, IReadOnlyList<DrillReport> reports, string title)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(reports);
        var lanes = recorder.Lanes;
        var events = recorder.Events;
        var spans = recorder.Spans;
        // Every guest's sink samples on the same grid: add them up, the chart shows the drill's whole traffic.
        var samples = recorder.Samples
            .GroupBy(s => (s.Start, s.Width))
            .Select(g => new Network.TrafficSample(g.Key.Start, g.Key.Width, g.Sum(s => s.Physical), g.Sum(s => s.Virtual)))
            .OrderBy(s => s.Start)
            .ToList();
        var times = events.Select(e => e.At).Concat(spans.SelectMany(s => new[] { s.Start, s.End })).Concat(samples.Select(s => s.Start + s.Width)).ToList();
        var origin = times.Count > 0 ? times.Min() : DateTimeOffset.UnixEpoch;
        var total = Math.Max(1, times.Count > 0 ? (times.Max() - origin).TotalMilliseconds : 1);
        double X(DateTimeOffset t) => LabelWidth + ((t - origin).TotalMilliseconds / total * PlotWidth);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>").Append(Text(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:16px;color:#222;background:#fff}h1{font-size:20px;margin:0 0 4px}")
            .Append("p.sub{color:#555;margin:0 0 10px;font-size:13px}svg{display:block}.lane-label{font-size:12px}.span-label{font-size:10px;fill:#fff}")
            .Append(".tick{font-size:10px;fill:#555}table{border-collapse:collapse;font-size:12px;margin:10px 0}td,th{border:1px solid #ccc;padding:3px 7px;text-align:left}")
            .Append("th{background:#eef}td.num{text-align:right}.ok{color:#070}.bad{color:#b00}details{margin-top:8px;font-size:12px}\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(Text(title)).Append("</h1>\n<p class=\"sub\">")
            .Append(Text(FormattableString.Invariant($"{lanes.Count} lanes, {events.Count} events, {total:0} ms from {origin:yyyy-MM-dd HH:mm:ss.fff}")))
            .Append("</p>\n");
        Summary(html, reports);

        var laneTop = AxisHeight;
        var height = laneTop + (lanes.Count * LaneHeight) + 20 + RateHeight + 30;
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\">\n");
        Axis(html, origin, total, laneTop, laneTop + (lanes.Count * LaneHeight));
        for (var i = 0; i < lanes.Count; i++)
        {
            var y = laneTop + (i * LaneHeight);
            var lane = lanes[i];
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"lane\" data-lane=\"{Attr(lane)}\">")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y}\" width=\"{Width}\" height=\"{LaneHeight}\" fill=\"{(i % 2 == 0 ? "#f7f7fb" : "#fff")}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"lane-label\" x=\"6\" y=\"{y + 22}\">{Text(lane)}</text>");
            foreach (var span in spans.Where(s => s.Lane == lane))
            {
                var x0 = X(span.Start);
                var w = Math.Max(3, X(span.End) - x0);
                html.Append(CultureInfo.InvariantCulture, $"<g class=\"span\"><title>{Text(FormattableString.Invariant($"{span.Name}: {(span.Start - origin).TotalMilliseconds:0.0}–{(span.End - origin).TotalMilliseconds:0.0} ms"))}</title>")
                    .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0:0.0}\" y=\"{y + SpanTop}\" width=\"{w:0.0}\" height=\"{SpanHeight}\" rx=\"3\" fill=\"{Colour(span.Name)}\"/>");
                if (w > span.Name.Length * 5.6)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<text class=\"span-label\" x=\"{x0 + 4:0.0}\" y=\"{y + SpanTop + 14}\">{Text(span.Name)}</text>");
                }

                html.Append("</g>");
            }

            var lastLabelEnd = double.MinValue;
            foreach (var e in events.Where(e => e.Lane == lane).OrderBy(e => e.At))
            {
                var x = X(e.At);
                html.Append(CultureInfo.InvariantCulture, $"<g class=\"event\"><title>{Text(FormattableString.Invariant($"{(e.At - origin).TotalMilliseconds:0.000} ms  {e.Label}"))}</title>")
                    .Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.0}\" cy=\"{y + SpanTop}\" r=\"3.5\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"1\"/>");
                var label = Short(e.Label);
                if (x > lastLabelEnd + 4 && x + (label.Length * 5.4) < Width)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x + 5:0.0}\" y=\"{y + 10}\">{Text(label)}</text>");
                    lastLabelEnd = x + 5 + (label.Length * 5.4);
                }

                html.Append("</g>");
            }

            html.Append("</g>\n");
        }

        Rate(html, samples, X, laneTop + (lanes.Count * LaneHeight) + 20);
        html.Append("</svg>\n");
        EventTable(html, events, origin);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Axis(StringBuilder html, DateTimeOffset origin, double total, int top, int bottom)
    {
        var step = NiceStep(total / 12);
        for (var ms = 0.0; ms <= total; ms += step)
        {
            var x = LabelWidth + (ms / total * PlotWidth);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.0}\" y1=\"{top - 4}\" x2=\"{x:0.0}\" y2=\"{bottom + 20 + RateHeight}\" stroke=\"#ddd\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x + 2:0.0}\" y=\"{top - 8}\">{ms:0} ms</text>");
        }

        _ = origin;
    }

    private static void Rate(StringBuilder html, IReadOnlyList<Network.TrafficSample> samples, Func<DateTimeOffset, double> x, int top)
    {
        html.Append(CultureInfo.InvariantCulture, $"<g class=\"rate\"><text class=\"lane-label\" x=\"6\" y=\"{top + 28}\">traffic, all guests</text>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"6\" y=\"{top + 44}\"><tspan fill=\"#2b6cb0\">■ physical</tspan> <tspan fill=\"#dd8a1e\">■ virtual</tspan></text>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth}\" y1=\"{top + RateHeight}\" x2=\"{Width - 20}\" y2=\"{top + RateHeight}\" stroke=\"#888\"/>");
        var peak = samples.Count == 0 ? 1 : samples.Max(s => (s.Physical + s.Virtual) / s.Width.TotalSeconds);
        peak = Math.Max(1, peak);
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{LabelWidth - 6}\" y=\"{top + 10}\" text-anchor=\"end\">{peak:0}/s</text>");
        foreach (var s in samples)
        {
            var x0 = x(s.Start);
            var w = Math.Max(1, x(s.Start + s.Width) - x0 - 0.5);
            var physical = s.Physical / s.Width.TotalSeconds / peak * (RateHeight - 10);
            var both = (s.Physical + s.Virtual) / s.Width.TotalSeconds / peak * (RateHeight - 10);
            var title = Text(FormattableString.Invariant($"physical {s.Physical}, virtual {s.Virtual} packets in {s.Width.TotalMilliseconds:0} ms"));
            html.Append(CultureInfo.InvariantCulture, $"<g><title>{title}</title>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0:0.0}\" y=\"{top + RateHeight - physical:0.0}\" width=\"{w:0.0}\" height=\"{physical:0.0}\" fill=\"#2b6cb0\"/>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0:0.0}\" y=\"{top + RateHeight - both:0.0}\" width=\"{w:0.0}\" height=\"{both - physical:0.0}\" fill=\"#dd8a1e\"/></g>");
        }

        html.Append("</g>\n");
    }

    private static void Summary(StringBuilder html, IReadOnlyList<DrillReport> reports)
    {
        html.Append("<table class=\"summary\"><tr><th>guest</th><th>from → to</th><th>outcome</th><th>rounds (pages)</th><th>downtime</th><th>packets sent / lost / dup</th><th>memory checksum</th><th>devices before → after</th></tr>\n");
        foreach (var r in reports)
        {
            var rounds = string.Join(", ", r.Rounds.Select(x => FormattableString.Invariant($"{(x.StopAndCopy ? "last" : x.Round.ToString(CultureInfo.InvariantCulture))}:{x.PagesSent}")));
            html.Append("<tr><td>").Append(Text(r.Guest)).Append("</td><td>").Append(Text($"{r.From} → {r.To}"))
                .Append("</td><td class=\"").Append(r.Outcome == "completed" ? "ok" : "bad").Append("\">").Append(Text(r.Outcome))
                .Append("</td><td>").Append(Text(rounds))
                .Append(CultureInfo.InvariantCulture, $"</td><td class=\"num\">{r.DowntimeMs:0.0} ms</td><td class=\"num\">{r.PacketsSent} / {r.PacketsLost} / {r.PacketsDuplicated}</td>")
                .Append("<td class=\"").Append(r.MemoryChecksumMatch ? "ok\">match" : "bad\">differs").Append("</td><td>")
                .Append(Text($"{string.Join(", ", r.DevicesBefore)} → {string.Join(", ", r.DevicesAfter)}")).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void EventTable(StringBuilder html, IReadOnlyList<TimelineEvent> events, DateTimeOffset origin)
    {
        html.Append("<details open=\"open\"><summary>all events</summary><table class=\"events\"><tr><th>ms</th><th>lane</th><th>event</th></tr>\n");
        foreach (var e in events.OrderBy(e => e.At))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{(e.At - origin).TotalMilliseconds:0.000}</td><td>{Text(e.Lane)}</td><td>{Text(e.Label)}</td></tr>\n");
        }

        html.Append("</table></details>\n");
    }

    private static string Colour(string name) => name switch
    {
        _ when name.StartsWith("round", StringComparison.Ordinal) => "#6b8fbf",
        _ when name.StartsWith("last iteration", StringComparison.Ordinal) => "#c0392b",
        DrillPhaseNames.Warmup or DrillPhaseNames.Settle => "#8aa39b",
        DrillPhaseNames.HotRemove or DrillPhaseNames.HotAdd => "#8e44ad",
        DrillPhaseNames.Migrate => "#2c7a7b",
        "active" => "#4a7",
        _ => "#777",
    };

    private static string Short(string label) => label.Length <= 34 ? label : label[..33] + "…";

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1e-3))));
        return new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
    }

    private static string Text(string value) => WebUtility.HtmlEncode(value);

    private static string Attr(string value) => WebUtility.HtmlEncode(value);
}
