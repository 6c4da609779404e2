namespace XenActors.Xen.Network;

/// <summary>To the sink: report, counting against how many were sent. Answered with <see cref="TrafficReport"/>.</summary>
public sealed record GetTrafficReport(long Sent);
