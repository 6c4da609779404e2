namespace XenActors.Hosting.XenHost;

/// <summary>The answer to <see cref="XmDomainList"/>, ordered by domain id.</summary>
public sealed record XmDomainListing(IReadOnlyList<XmDomainRow> Domains);
