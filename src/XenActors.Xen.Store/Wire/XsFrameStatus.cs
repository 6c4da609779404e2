namespace XenActors.Xen.Store.Wire;

/// <summary>Outcome of trying to cut one message out of a byte stream.</summary>
public enum XsFrameStatus
{
    /// <summary>A whole message was read and consumed from the buffer.</summary>
    Complete,

    /// <summary>The buffer holds only part of a header or payload; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>The header announces a payload above 4096 bytes: the stream cannot be trusted any more.</summary>
    PayloadTooLarge,
}
