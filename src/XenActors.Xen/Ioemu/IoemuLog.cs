using Microsoft.Extensions.Logging;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// ioemu's logger: every entry is one line inside a scope naming the pid, the guest and where the
/// device model runs, so a hosting formatter can print <see cref="IoemuLogFormat"/> lines.
/// </summary>
internal sealed class IoemuLog(ILogger logger, IoemuOptions options)
{
    private readonly Dictionary<string, object> scope = new(StringComparer.Ordinal)
    {
        [IoemuLogFormat.PidScopeKey] = Environment.ProcessId,
        [IoemuLogFormat.DomidScopeKey] = options.GuestDomid,
        [IoemuLogFormat.DeviceModelScopeKey] = options.StubDomainId is { } stub ? $"stub domain {stub}" : "dom0",
    };

    public void Info(string message) => Write(LogLevel.Information, message);

    public void Warn(string message) => Write(LogLevel.Warning, message);

    private void Write(LogLevel level, string message)
    {
        if (!logger.IsEnabled(level)) return;
        using (logger.BeginScope(scope))
        {
            logger.Log(level, "{Message}", message.ReplaceLineEndings(" "));
        }
    }
}
