using XenActors.Remote.Serialization;

namespace XenActors.Hosting.XenWire;

public static partial class XenWire
{
    private static void RegisterHypervisor(SerializerRegistry r)
    {
        var c = HvJsonContext.Default;
        Json(r, "xen.hv.AllocUnbound", c.HvAllocUnbound);
        Json(r, "xen.hv.AssignDevice", c.HvAssignDevice);
        Json(r, "xen.hv.BindInterdomain", c.HvBindInterdomain);
        Json(r, "xen.hv.BindUpcalls", c.HvBindUpcalls);
        Json(r, "xen.hv.CheckInvariants", c.HvCheckInvariants);
        Json(r, "xen.hv.CheckIoport", c.HvCheckIoport);
        Json(r, "xen.hv.Close", c.HvClose);
        Json(r, "xen.hv.CreateDomain", c.HvCreateDomain);
        Json(r, "xen.hv.DeassignDevice", c.HvDeassignDevice);
        Json(r, "xen.hv.DestroyDomain", c.HvDestroyDomain);
        Json(r, "xen.hv.DmaRead", c.HvDmaRead);
        Json(r, "xen.hv.DmaWrite", c.HvDmaWrite);
        Json(r, "xen.hv.EndAccess", c.HvEndAccess);
        Json(r, "xen.hv.EventChannelStatus", c.HvEventChannelStatus);
        Json(r, "xen.hv.FindPirq", c.HvFindPirq);
        Json(r, "xen.hv.GetDevice", c.HvGetDevice);
        Json(r, "xen.hv.GetDomain", c.HvGetDomain);
        Json(r, "xen.hv.GetInterruptStats", c.HvGetInterruptStats);
        Json(r, "xen.hv.GrantAccess", c.HvGrantAccess);
        Json(r, "xen.hv.ListDevices", c.HvListDevices);
        Json(r, "xen.hv.MapGrant", c.HvMapGrant);
        Json(r, "xen.hv.MapMmio", c.HvMapMmio);
        Json(r, "xen.hv.MapPirq", c.HvMapPirq);
        Json(r, "xen.hv.QueryGrant", c.HvQueryGrant);
        Json(r, "xen.hv.PermitIomem", c.HvPermitIomem);
        Json(r, "xen.hv.PermitIoports", c.HvPermitIoports);
        Json(r, "xen.hv.PermitIrq", c.HvPermitIrq);
        Json(r, "xen.hv.RaiseInterrupt", c.HvRaiseInterrupt);
        Json(r, "xen.hv.ReadGuest", c.HvReadGuest);
        Json(r, "xen.hv.ReadMapped", c.HvReadMapped);
        Json(r, "xen.hv.RegisterDevice", c.HvRegisterDevice);
        Json(r, "xen.hv.ReleaseDeviceToHost", c.HvReleaseDeviceToHost);
        Json(r, "xen.hv.Send", c.HvSend);
        Json(r, "xen.hv.SetDeviceModel", c.HvSetDeviceModel);
        Json(r, "xen.hv.SetInterruptTarget", c.HvSetInterruptTarget);
        Json(r, "xen.hv.TestAssignDevice", c.HvTestAssignDevice);
        Json(r, "xen.hv.TranslateMmio", c.HvTranslateMmio);
        Json(r, "xen.hv.UnmapGrant", c.HvUnmapGrant);
        Json(r, "xen.hv.UnmapMmio", c.HvUnmapMmio);
        Json(r, "xen.hv.UnmapPirq", c.HvUnmapPirq);
        Json(r, "xen.hv.Unpause", c.HvUnpause);
        Json(r, "xen.hv.WatchDomainDeaths", c.HvWatchDomainDeaths);
        Json(r, "xen.hv.WriteGuest", c.HvWriteGuest);
        Json(r, "xen.hv.WriteMapped", c.HvWriteMapped);
        Json(r, "xen.hv.Upcall", c.HvUpcall);
        Json(r, "xen.hv.Shortcut", c.HvShortcut);
        Json(r, "xen.hv.DomainDestroyed", c.HvDomainDestroyed);
        Json(r, "xen.hv.DomainSummary", c.DomainSummary);
        Json(r, "xen.hv.DomainConfig", c.DomainConfig);
        Json(r, "xen.hv.PciFunctionInfo", c.PciFunctionInfo);
        Json(r, "xen.hv.PciAddress", c.PciAddress);
        Json(r, "xen.hv.XenError", c.XenError);
        Json(r, "xen.hv.InterruptStats", c.InterruptStats);
        Json(r, "xen.hv.InterruptSource", c.InterruptSource);
        Json(r, "xen.hv.InterruptDelivery", c.InterruptDelivery);
        Json(r, "xen.hv.EventChannelInfo", c.EventChannelInfo);
        Json(r, "xen.hv.GrantInfo", c.GrantInfo);
        // HvListDevices and HvCheckInvariants are answered with bare lists (HypervisorClient asks for IReadOnlyList<T>).
        Json(r, "xen.hv.DeviceList", c.ListPciFunctionInfo);
        Json(r, "xen.hv.InvariantViolations", c.ListString);
        Json(r, "xen.hv.Result", c.XenResult);
        Json(r, "xen.hv.Result.Int32", c.XenResultInt32);
        Json(r, "xen.hv.Result.UInt32", c.XenResultUInt32);
        Json(r, "xen.hv.Result.UInt64", c.XenResultUInt64);
        Json(r, "xen.hv.Result.Bytes", c.XenResultByteArray);
        Json(r, "xen.hv.Result.DomainSummary", c.XenResultDomainSummary);
        Json(r, "xen.hv.Result.PciFunctionInfo", c.XenResultPciFunctionInfo);
        Json(r, "xen.hv.Result.InterruptStats", c.XenResultInterruptStats);
        Json(r, "xen.hv.Result.InterruptDeliveries", c.XenResultIReadOnlyListInterruptDelivery);
        Json(r, "xen.hv.Result.EventChannelInfo", c.XenResultEventChannelInfo);
        Json(r, "xen.hv.Result.GrantInfo", c.XenResultGrantInfo);
    }
}
