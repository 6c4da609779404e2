using System.Text;

namespace XenActors.Xen.Store.Wire;

/// <summary>
/// Helpers for payloads made of NUL-terminated strings. Strings are ASCII on the wire (paths and
/// tokens are restricted); values stay raw bytes.
/// </summary>
public static class XsPayload
{
    /// <summary>
    /// xenstored's onearg(): the payload must hold exactly one string, NUL-terminated at its very end.
    /// Anything else (no NUL, extra data) yields null, which the caller reports as EINVAL.
    /// </summary>
    public static string? OneArg(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload.IndexOf((byte)0) != payload.Length - 1)
            return null;
        return Encoding.Latin1.GetString(payload[..^1]);
    }

    /// <summary>
    /// xenstored's get_strings(): every NUL-terminated string in order; bytes after the last NUL are ignored.
    /// </summary>
    public static List<string> Strings(ReadOnlySpan<byte> payload)
    {
        var result = new List<string>(4);
        while (true)
        {
            var nul = payload.IndexOf((byte)0);
            if (nul < 0)
                return result;
            result.Add(Encoding.Latin1.GetString(payload[..nul]));
            payload = payload[(nul + 1)..];
        }
    }

    /// <summary>Number of NULs, i.e. xenstore_count_strings().</summary>
    public static int CountStrings(ReadOnlySpan<byte> payload) => payload.Count((byte)0);

    /// <summary>Encodes strings each followed by a NUL.</summary>
    public static byte[] Encode(params ReadOnlySpan<string> strings)
    {
        var length = 0;
        foreach (var s in strings)
            length += s.Length + 1;
        var bytes = new byte[length];
        var at = 0;
        foreach (var s in strings)
        {
            at += Encoding.Latin1.GetBytes(s, bytes.AsSpan(at));
            bytes[at++] = 0;
        }
        return bytes;
    }

    /// <summary>WRITE payload: path, NUL, then the raw value with no terminator.</summary>
    public static byte[] EncodeWrite(string path, ReadOnlySpan<byte> value)
    {
        var bytes = new byte[path.Length + 1 + value.Length];
        Encoding.Latin1.GetBytes(path, bytes);
        value.CopyTo(bytes.AsSpan(path.Length + 1));
        return bytes;
    }
}
