using System.Globalization;

namespace XenActors.Xen.Store.Model;

/// <summary>One ACL entry: a domain and what it may do (n, r, w or b on the wire).</summary>
public readonly record struct XsPerm(uint DomId, XsAccess Access)
{
    /// <summary>Wire form, e.g. "r5": the letter then the decimal domid (xenstore_perm_to_string).</summary>
    public override string ToString() => Letter(Access) + DomId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses "[nrwb]&lt;domid&gt;"; false for anything else (the caller answers EINVAL).</summary>
    public static bool TryParse(string text, out XsPerm perm)
    {
        perm = default;
        if (text.Length < 2)
            return false;
        XsAccess access;
        switch (text[0])
        {
            case 'n': access = XsAccess.None; break;
            case 'r': access = XsAccess.Read; break;
            case 'w': access = XsAccess.Write; break;
            case 'b': access = XsAccess.ReadWrite; break;
            default: return false;
        }
        if (!uint.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var domid) || domid > 0xFFFF)
            return false;
        perm = new XsPerm(domid, access);
        return true;
    }

    private static char Letter(XsAccess access) => (access & XsAccess.ReadWrite) switch
    {
        XsAccess.Read => 'r',
        XsAccess.Write => 'w',
        XsAccess.ReadWrite => 'b',
        _ => 'n',
    };
}
