namespace XenActors.Xen.Protocol;

/// <summary>
/// Error numbers the hypervisor and the drivers return, with their Linux values
/// (Xen's <c>public/errno.h</c> uses the same numbers). Hypercalls return the negated value.
/// </summary>
public enum Errno
{
    None = 0,
    EPERM = 1,
    ENOENT = 2,
    ESRCH = 3,
    EINTR = 4,
    EIO = 5,
    ENXIO = 6,
    E2BIG = 7,
    EAGAIN = 11,
    ENOMEM = 12,
    EACCES = 13,
    EFAULT = 14,
    EBUSY = 16,
    EEXIST = 17,
    EXDEV = 18,
    ENODEV = 19,
    EISDIR = 21,
    EINVAL = 22,
    ENOSPC = 28,
    EROFS = 30,
    ENOSYS = 38,
    ENOTEMPTY = 39,
    EISCONN = 106,
    ETIMEDOUT = 110,
}
