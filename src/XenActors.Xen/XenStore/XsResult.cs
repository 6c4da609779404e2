using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.XenStore;

/// <summary>
/// The store's answer: <see cref="XsdError.None"/> and the value/children, or the errno xenstored
/// would send (its name, e.g. "ENOENT", is what <see cref="ErrorName"/> and <see cref="ToString"/> show).
/// </summary>
public sealed record XsResult(XsdError Error, string Value, IReadOnlyList<string> Children)
{
    public static XsResult Ok { get; } = new(XsdError.None, "", []);

    public static XsResult Fail(XsdError error) => new(error, "", []);

    public static XsResult Of(string value) => new(XsdError.None, value, []);

    public bool IsOk => Error == XsdError.None;

    public string ErrorName => XsdErrors.Name(Error);

    public override string ToString() => IsOk ? $"OK \"{Value}\"" : ErrorName;
}
