using System.Diagnostics;
using System.Globalization;
using XenActors.Remote.Diagnostics;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// Reads the message traces of a cluster's nodes (<see cref="MessageTrace"/>) and measures operations in crossings:
/// for each time window (one operation each), the envelopes sent and the turns; over all windows, each link's one-way
/// time, pairing a send with the first unpaired receive of the same type on the other side (TCP keeps them in order).
/// Envelopes of the cluster layer (gossip, heartbeats) are left out: they run beside an operation, not in it.
/// </summary>
public static class CrossingAnalysis
{
    private const string ClusterLayer = "XenActors.Cluster.";

    /// <summary>
    /// Every line of every trace file in <paramref name="directory"/>, with each node named by
    /// <paramref name="names"/> (host:port → name; unnamed nodes keep host:port). A malformed file says which line.
    /// </summary>
    public static List<TraceLine> Load(string directory, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var lines = new List<TraceLine>();
        foreach (var file in Directory.EnumerateFiles(directory, "*" + MessageTrace.Extension).Order(StringComparer.Ordinal))
        {
            string? self = null;
            var number = 0;
            foreach (var text in File.ReadLines(file))
            {
                number++;
                if (text.StartsWith(MessageTrace.Header, StringComparison.Ordinal))
                {
                    self = text.Split(' ').FirstOrDefault(w => w.StartsWith("self=", StringComparison.Ordinal))?[5..];
                    continue;
                }
                var parts = text.Split(' ');
                if (self is null || parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || parts[1] is not ("S" or "R"))
                {
                    throw new InvalidDataException($"{file}:{number}: not a message trace line (expected the header first, then 'ticks S|R host:port type'): '{text}'");
                }
                lines.Add(new TraceLine(ticks, Name(names, self), parts[1] == "S", Name(names, parts[2]), parts[3]));
            }
        }
        lines.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
        return lines;
    }

    /// <summary>Measures the operations that ran in <paramref name="windows"/> (Stopwatch ticks, start and end); <paramref name="lines"/> in time order, as <see cref="Load"/> gives them.</summary>
    public static CrossingReport Analyze(IReadOnlyList<TraceLine> lines, IReadOnlyList<(long Start, long End)> windows)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(windows);
        var messages = new List<double>();
        var paths = new List<CriticalPath>();
        var links = new Dictionary<(string From, string To), List<double>>();
        foreach (var (start, end) in windows)
        {
            var inWindow = new List<TraceLine>();
            for (var i = FirstAtOrAfter(lines, start); i < lines.Count && lines[i].Ticks <= end; i++)
            {
                if (!lines[i].Type.StartsWith(ClusterLayer, StringComparison.Ordinal)) inWindow.Add(lines[i]);
            }
            messages.Add(inWindow.Count(l => l.Sent));
            // Paired within the window: a send whose receive falls outside it must not pair with a later operation's.
            var sendOf = PairCrossings(inWindow, links);
            paths.Add(CriticalPath.Walk(inWindow, sendOf));
        }
        var all = links.SelectMany(l => l.Value).ToArray();
        var nodes = paths.SelectMany(p => p.InProcessUs.Keys).Distinct().Order(StringComparer.Ordinal);
        var kinds = paths.SelectMany(p => p.CrossingsByMessage.Keys).Distinct(StringComparer.Ordinal)
            .Select(k => (Kind: k, P50: P50(paths.Select(p => (double)p.CrossingsByMessage.GetValueOrDefault(k)))))
            .Where(k => k.P50 > 0)
            .OrderByDescending(k => k.P50).ThenBy(k => k.Kind, StringComparer.Ordinal);
        return new CrossingReport
        {
            Operations = windows.Count,
            MessagesP50 = P50(messages),
            PathCrossingsP50 = P50(paths.Select(p => (double)p.Crossings)),
            PathTransitUsP50 = Math.Round(P50(paths.Select(p => p.TransitUs)), 1),
            PathInProcessUsP50 = Math.Round(P50(paths.Select(p => p.InProcessUs.Values.Sum())), 1),
            PathInProcessUsP50ByNode = nodes.ToDictionary(n => n, n => Math.Round(P50(paths.Select(p => p.InProcessUs.GetValueOrDefault(n))), 1), StringComparer.Ordinal),
            PathCrossingsP50ByMessage = kinds.ToDictionary(k => k.Kind, k => k.P50, StringComparer.Ordinal),
            CrossingP50Us = Math.Round(P50(all), 1),
            Links = [.. links.Select(l => new CrossingLink(l.Key.From, l.Key.To, l.Value.Count, Math.Round(Percentiles.Of(l.Value, 0.5), 1)))
                .OrderByDescending(l => l.Messages).ThenBy(l => l.From, StringComparer.Ordinal).ThenBy(l => l.To, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Adds one-way times in µs per (from, to), pairing each receive with the oldest unpaired send of its type; returns,
    /// per line, the index of the send a receive was paired with (-1 for sends and unpaired receives).
    /// </summary>
    private static int[] PairCrossings(List<TraceLine> lines, Dictionary<(string From, string To), List<double>> links)
    {
        var sendOf = new int[lines.Count];
        var unpaired = new Dictionary<(string, string, string), Queue<int>>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            sendOf[i] = -1;
            if (line.Sent)
            {
                var key = (line.Node, line.Peer, line.Type);
                if (!unpaired.TryGetValue(key, out var queue)) unpaired[key] = queue = new Queue<int>();
                queue.Enqueue(i);
                continue;
            }
            if (unpaired.TryGetValue((line.Peer, line.Node, line.Type), out var sends) && sends.TryDequeue(out var sent))
            {
                sendOf[i] = sent;
                var link = (line.Peer, line.Node);
                if (!links.TryGetValue(link, out var times)) links[link] = times = [];
                times.Add(Stopwatch.GetElapsedTime(lines[sent].Ticks, line.Ticks).TotalMicroseconds);
            }
        }
        return sendOf;
    }

    private static double P50(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : Percentiles.Of(list, 0.5);
    }

    private static int FirstAtOrAfter(IReadOnlyList<TraceLine> lines, long ticks)
    {
        int lo = 0, hi = lines.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (lines[mid].Ticks < ticks) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static string Name(IReadOnlyDictionary<string, string> names, string hostPort) =>
        names.TryGetValue(hostPort, out var name) ? name : hostPort;
}
