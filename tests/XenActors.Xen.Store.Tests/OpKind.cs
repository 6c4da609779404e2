namespace XenActors.Xen.Store.Tests;

public enum OpKind
{
    Write,
    Mkdir,
    Rm,
    Read,
    Dir,
    Start,
    Commit,
    Abort,
}
