namespace XenActors.Hosting.Node.Bench;

/// <summary>Messages from one node to another inside the analysed windows, and their one-way time p50.</summary>
public sealed record CrossingLink(string From, string To, int Messages, double P50Us);
