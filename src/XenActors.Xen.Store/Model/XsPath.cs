using System.Globalization;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Model;

/// <summary>
/// Path rules from xenstored's canonicalize(): allowed characters, relative paths under
/// /local/domain/&lt;id&gt;, no "//", no trailing "/", and length limits.
/// </summary>
public static class XsPath
{
    /// <summary>XENSTORE_ABS_PATH_MAX.</summary>
    public const int AbsoluteMax = 3072;

    /// <summary>XENSTORE_REL_PATH_MAX: the default path-length quota of an unprivileged domain.</summary>
    public const int RelativeMax = 2048;

    public const string IntroduceDomain = "@introduceDomain";
    public const string ReleaseDomain = "@releaseDomain";

    public static string DomainPath(uint domid) => "/local/domain/" + domid.ToString(CultureInfo.InvariantCulture);

    public static bool IsSpecial(string path) => path.Length > 0 && path[0] == '@';

    /// <summary>
    /// Turns a request path into an absolute one, or says why not (always EINVAL, as xenstored does,
    /// including a path longer than the caller's path-length quota).
    /// </summary>
    /// <param name="pathQuota">Max length below /local/domain/&lt;id&gt;/ for this caller; null means unlimited.</param>
    public static XsdError Canonicalize(string? raw, uint domid, bool allowSpecial, int? pathQuota, out string path, out bool relative)
    {
        path = string.Empty;
        relative = false;
        if (string.IsNullOrEmpty(raw) || !ValidChars(raw))
            return XsdError.EINVAL;
        if (raw[0] == '@')
        {
            if (!allowSpecial || (raw != IntroduceDomain && raw != ReleaseDomain))
                return XsdError.EINVAL;
            path = raw;
            return XsdError.None;
        }

        var name = raw;
        if (raw[0] != '/')
        {
            name = DomainPath(domid) + "/" + raw;
            relative = true;
        }
        if ((name.Length > 1 && name[^1] == '/') || name.Contains("//", StringComparison.Ordinal) || name.Length > AbsoluteMax)
            return XsdError.EINVAL;
        if (pathQuota is { } q && name.Length - LocalOffset(name) > q)
            return XsdError.EINVAL;
        path = name;
        return XsdError.None;
    }

    /// <summary>Length of a leading "/local/domain/&lt;id&gt;/" (sscanf "%5u/" semantics), else 0.</summary>
    internal static int LocalOffset(string name)
    {
        const string prefix = "/local/domain/";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
            return 0;
        var i = prefix.Length;
        var digits = 0;
        while (i < name.Length && digits < 5 && char.IsAsciiDigit(name[i]))
        {
            i++;
            digits++;
        }
        return digits > 0 && i < name.Length && name[i] == '/' ? i + 1 : 0;
    }

    private static bool ValidChars(string s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '/' || c == '_' || c == '@'))
                return false;
        }
        return true;
    }

    /// <summary>Parent of an absolute path; "/" for top-level nodes. Must not be called on "/".</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    public static string BaseName(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Child(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;

    /// <summary>True if <paramref name="path"/> is <paramref name="ancestor"/> or lies below it, split on '/'.</summary>
    public static bool IsAtOrBelow(string path, string ancestor)
    {
        if (ancestor == "/")
            return path.Length > 0 && path[0] == '/';
        return path.StartsWith(ancestor, StringComparison.Ordinal)
            && (path.Length == ancestor.Length || path[ancestor.Length] == '/');
    }

    /// <summary>How many components <paramref name="path"/> lies below <paramref name="ancestor"/>.</summary>
    public static int DepthBelow(string path, string ancestor)
    {
        if (path.Length == ancestor.Length)
            return 0;
        var rest = ancestor == "/" ? path.AsSpan(1) : path.AsSpan(ancestor.Length + 1);
        return rest.Count('/') + 1;
    }
}
