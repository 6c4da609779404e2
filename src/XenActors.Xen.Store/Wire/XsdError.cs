namespace XenActors.Xen.Store.Wire;

/// <summary>
/// The errors xenstored can answer with. On the wire an ERROR reply carries the member's name
/// (e.g. "EACCES") followed by a NUL; <see cref="None"/> means success and is never sent.
/// </summary>
public enum XsdError
{
    None = 0,
    EINVAL,
    EACCES,
    EEXIST,
    EISDIR,
    ENOENT,
    ENOMEM,
    ENOSPC,
    EIO,
    ENOTEMPTY,
    ENOSYS,
    EROFS,
    EBUSY,
    EAGAIN,
    EISCONN,
    E2BIG,
    EPERM,
}
