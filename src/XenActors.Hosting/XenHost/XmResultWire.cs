namespace XenActors.Hosting.XenHost;

/// <summary>
/// <see cref="XenActors.Xen.Xend.XmResult"/> as it crosses the wire. The HVM hot-plug trail stays on the host: it
/// holds live refs and timings that only the host's recorder reads, and xm prints only the message and lines.
/// </summary>
internal sealed record XmResultWire(bool Success, string Message, IReadOnlyList<string> Lines, int Domid);
