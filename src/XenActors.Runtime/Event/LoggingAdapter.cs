using Microsoft.Extensions.Logging;

namespace XenActors.Event;

/// <summary>Writes each line to an <see cref="ILogger"/> and, when anyone listens, publishes it as a <see cref="LogEvent"/>.</summary>
internal sealed class LoggingAdapter(ILogger logger, EventStream stream, TimeProvider time, string logSource, Type? logClass) : ILoggingAdapter
{
    public bool IsDebugEnabled => logger.IsEnabled(LogLevel.Debug) || stream.HasSubscribers(typeof(LogEvent));

    public void Debug(string message) => Write(LogLevel.Debug, message, null);
    public void Info(string message) => Write(LogLevel.Information, message, null);
    public void Warning(string message) => Write(LogLevel.Warning, message, null);
    public void Error(string message) => Write(LogLevel.Error, message, null);
    public void Error(Exception cause, string message) => Write(LogLevel.Error, message, cause);

    private void Write(LogLevel level, string message, Exception? cause)
    {
        if (logger.IsEnabled(level))
        {
#pragma warning disable CA1848, CA2254 // the message is already formatted by the actor; this is the one sink
            logger.Log(level, cause, "[{LogSource}] " + message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal), logSource);
#pragma warning restore CA1848, CA2254
        }
        if (stream.HasSubscribers(typeof(LogEvent)))
        {
            stream.Publish(new LogEvent(level, logSource, logClass, message, cause) { Timestamp = time.GetUtcNow() });
        }
    }
}
