namespace XenActors.Xen.Pci.Lspci;

/// <summary>Text that is not an lspci hex dump; the message names the line.</summary>
public sealed class LspciFormatException : FormatException
{
    public LspciFormatException()
    {
    }

    public LspciFormatException(string message)
        : base(message)
    {
    }

    public LspciFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LspciFormatException(int line, string message)
        : base($"lspci dump line {line}: {message}")
    {
        Line = line;
    }

    public int Line { get; }
}
