namespace XenActors.Xen.Migration;

/// <summary>The destination's answer to <see cref="OpenRelocation"/>: where the stream goes.</summary>
public sealed record RelocationOpened(int SourceDomid, IMigrationEndpoint Endpoint);
