using System.Diagnostics;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// The chain of causes behind an operation's last message, walked backwards through one window of trace lines: a
/// receive was caused by the send it is paired with (a crossing between processes), and a send by the latest receive
/// of the same process before it (time inside that process). Pipelined sends share their cause, so a batch counts once.
/// </summary>
internal sealed record CriticalPath(int Crossings, double TransitUs, IReadOnlyDictionary<string, double> InProcessUs)
{
    public static CriticalPath Walk(IReadOnlyList<TraceLine> lines, IReadOnlyList<int> sendOf)
    {
        var crossings = 0;
        var transit = 0.0;
        var inProcess = new Dictionary<string, double>(StringComparer.Ordinal);
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
            }
            i = cause;
        }
        return new CriticalPath(crossings, transit, inProcess);
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
