using System.Diagnostics;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// The chain of causes behind an operation's last message, walked backwards through one window of trace lines: a
/// receive was caused by the send it is paired with (a crossing between processes), and a send by the latest receive
/// of the same process before it (time inside that process). Pipelined sends share their cause, so a batch counts once.
/// </summary>
internal sealed record CriticalPath(int Crossings, double TransitUs, IReadOnlyDictionary<string, double> InProcessUs, IReadOnlyDictionary<string, int> CrossingsByMessage)
{
    public static CriticalPath Walk(IReadOnlyList<TraceLine> lines, IReadOnlyList<int> sendOf)
    {
        var crossings = 0;
        var transit = 0.0;
        var inProcess = new Dictionary<string, double>(StringComparer.Ordinal);
        var byMessage = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = lines.Count - 1;
        while (i >= 0)
        {
            var line = lines[i];
            var cause = line.Sent ? LatestReceiveBefore(lines, i) : sendOf[i];
            if (cause < 0) break;
            var us = Stopwatch.GetElapsedTime(lines[cause].Ticks, line.Ticks).TotalMicroseconds;
            if (line.Sent)
            {
                inProcess[line.Node] = inProcess.GetValueOrDefault(line.Node) + us;
            }
            else
            {
                crossings++;
                transit += us;
                var message = ShortName(line.Type);
                byMessage[message] = byMessage.GetValueOrDefault(message) + 1;
            }
            i = cause;
        }
        return new CriticalPath(crossings, transit, inProcess, byMessage);
    }

    /// <summary>The type's name without its namespace (generic arguments kept): XsRead, XenResult&lt;Int32&gt;.</summary>
    internal static string ShortName(string type)
    {
        var generic = type.IndexOf('<', StringComparison.Ordinal);
        var name = generic < 0 ? type : type[..generic];
        return name[(name.LastIndexOf('.') + 1)..] + (generic < 0 ? "" : type[generic..]);
    }

    private static int LatestReceiveBefore(IReadOnlyList<TraceLine> lines, int send)
    {
        for (var j = send - 1; j >= 0; j--)
        {
            if (!lines[j].Sent && lines[j].Node == lines[send].Node) return j;
        }
        return -1;
    }
}
