using System.Globalization;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// The seed's improved ioemu log line: <c>[2008-11-21 16:10:05 4567] message</c>, date, time and pid
/// first. Hosting formats lines; this is the one place that knows the shape, and ioemu's log scope
/// carries the pid and domid so any formatter can produce it.
/// </summary>
public static class IoemuLogFormat
{
    public const string PidScopeKey = "pid";
    public const string DomidScopeKey = "domid";
    public const string DeviceModelScopeKey = "device_model";

    public static string Format(DateTimeOffset time, int pid, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"[{time:yyyy-MM-dd HH:mm:ss} {pid}] {message}");
}
