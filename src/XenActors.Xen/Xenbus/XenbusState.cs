namespace XenActors.Xen.Xenbus;

/// <summary>
/// The xenbus device state, numbered as in <c>xen/include/public/io/xenbus.h</c>.
/// Stored in XenStore as a decimal string under <c>…/state</c> and <c>state-N</c>.
/// </summary>
public enum XenbusState
{
    Unknown = 0,
    Initialising = 1,
    InitWait = 2,
    Initialised = 3,
    Connected = 4,
    Closing = 5,
    Closed = 6,
    Reconfiguring = 7,
    Reconfigured = 8,
}
