using System.Text;

namespace XenActors.Xen.Store.Wire;

/// <summary>Maps <see cref="XsdError"/> to and from the errno names sent in ERROR replies.</summary>
public static class XsdErrors
{
    // Encoded once: error replies are hot on failure paths (ENOENT on exists checks).
    private static readonly byte[][] Payloads = Enum.GetValues<XsdError>()
        .Select(e => e == XsdError.None ? [] : Encoding.ASCII.GetBytes(e + "\0"))
        .ToArray();

    /// <summary>The errno name plus NUL, the exact payload of an ERROR reply.</summary>
    public static byte[] Payload(XsdError error) => Payloads[(int)error];

    public static string Name(XsdError error) => error.ToString();

    /// <summary>Parses an ERROR payload ("EACCES\0"); unknown names map to EINVAL as libxenstore does.</summary>
    public static XsdError Parse(ReadOnlySpan<byte> payload)
    {
        var nul = payload.IndexOf((byte)0);
        var name = Encoding.ASCII.GetString(nul >= 0 ? payload[..nul] : payload);
        return Enum.TryParse<XsdError>(name, out var e) && e != XsdError.None && name.StartsWith('E') ? e : XsdError.EINVAL;
    }
}
