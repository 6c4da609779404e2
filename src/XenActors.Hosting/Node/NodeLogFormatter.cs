using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace XenActors.Hosting.Node;

/// <summary>One line per log event: <c>2025-01-31 12:00:00.123 [pid 4242] INFO  category: message</c>.</summary>
public sealed class NodeLogFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "xenactors-node";
    private static readonly int Pid = Environment.ProcessId;

    public override void Write<TState>(in LogEntry<TState> logEntry, Microsoft.Extensions.Logging.IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null) return;
        var level = logEntry.LogLevel switch
        {
            LogLevel.Trace => "TRACE",
            LogLevel.Debug => "DEBUG",
            LogLevel.Information => "INFO ",
            LogLevel.Warning => "WARN ",
            LogLevel.Error => "ERROR",
            _ => "CRIT ",
        };
        var line = $"{DateTime.Now:yyyy-MM-dd HH:mm:ss.fff} [pid {Pid}] {level} {logEntry.Category}: {message}";
        if (logEntry.Exception is { } ex) line += $" ({ex.GetType().Name}: {ex.Message})";
        textWriter.WriteLine(line.ReplaceLineEndings(" "));
    }
}
