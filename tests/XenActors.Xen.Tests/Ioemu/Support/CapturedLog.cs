using Microsoft.Extensions.Logging;

namespace XenActors.Xen.Tests.Ioemu.Support;

public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope);
