namespace XenActors.Hosting.XenHost;

/// <summary>xm list: every domain of the host, dom0 first. Answered by the <see cref="XmGateway"/> with an <see cref="XmDomainListing"/>.</summary>
public sealed record XmDomainList
{
    public static XmDomainList Instance { get; } = new();
}
