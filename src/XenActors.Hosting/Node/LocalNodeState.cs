namespace XenActors.Hosting.Node;

/// <summary>One node process of a local cluster.</summary>
public sealed record LocalNodeState
{
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; }
    public List<string> Roles { get; init; } = [];
    public int Pid { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string LogFile { get; init; } = "";

    /// <summary>Where this node's xenstored socket is, once nodes host one (null until then).</summary>
    public string? XenstoreSocket { get; init; }

    /// <summary>The split Xen host this node is a part of (e.g. <c>host-1</c>), null otherwise.</summary>
    public string? XenHost { get; init; }
}
