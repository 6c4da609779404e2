namespace XenActors.Hosting.XenHost;

/// <summary>One line of xm list: the domain's name in XenStore, its id, and the hypervisor's type and state.</summary>
public sealed record XmDomainRow(int Domid, string Name, string Type, string State);
