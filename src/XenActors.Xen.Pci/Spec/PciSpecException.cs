namespace XenActors.Xen.Pci.Spec;

/// <summary>
/// A PCI_SPEC_STRING that does not parse. The message starts with xl's wording
/// (<c>malformed PCI_SPEC_STRING "..."</c>), says what is wrong and at which 1-based column,
/// then shows the spec with a caret under the bad character.
/// </summary>
public sealed class PciSpecException : FormatException
{
    public PciSpecException()
        : this(string.Empty, 1, "empty PCI_SPEC_STRING")
    {
    }

    public PciSpecException(string message)
        : this(string.Empty, 1, message)
    {
    }

    public PciSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Spec = string.Empty;
        Reason = message;
        Column = 1;
    }

    public PciSpecException(string spec, int column, string reason)
        : base(Compose(spec, column, reason))
    {
        Spec = spec;
        Column = column;
        Reason = reason;
    }

    public string Spec { get; }

    /// <summary>1-based column of the offending character (one past the end when something is missing).</summary>
    public int Column { get; }

    public string Reason { get; }

    /// <summary>The first line of the message, without the caret picture.</summary>
    public string Summary => $"malformed PCI_SPEC_STRING \"{Spec}\": {Reason} at column {Column}";

    public string CaretLine => new string(' ', Math.Max(0, Column - 1)) + "^";

    private static string Compose(string spec, int column, string reason) =>
        $"malformed PCI_SPEC_STRING \"{spec}\": {reason} at column {column}\n{spec}\n{new string(' ', Math.Max(0, column - 1))}^";
}
