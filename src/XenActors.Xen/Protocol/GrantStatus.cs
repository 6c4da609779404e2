namespace XenActors.Xen.Protocol;

/// <summary>GNTST_* status codes of grant-table operations (<c>public/grant_table.h</c>).</summary>
public enum GrantStatus
{
    Okay = 0,
    GeneralError = -1,
    BadDomain = -2,
    BadGntref = -3,
    BadHandle = -4,
    BadVirtAddr = -5,
    BadDevAddr = -6,
    NoDeviceSpace = -7,
    PermissionDenied = -8,
    BadPage = -9,
    BadCopyArg = -10,
    AddressTooBig = -11,
    Eagain = -12,
}
