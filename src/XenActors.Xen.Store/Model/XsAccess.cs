namespace XenActors.Xen.Store.Model;

/// <summary>Access bits, as XS_PERM_READ / XS_PERM_WRITE / XS_PERM_OWNER in xenstored.</summary>
[Flags]
public enum XsAccess : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Owner = 4,
    ReadWrite = Read | Write,
    All = Read | Write | Owner,
}
