using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using XenActors.Hosting.XenStore;
using XenActors.Xen.Store.Model;

namespace XenActors.Cli.Commands;

/// <summary>
/// `xenactors xenstored --socket PATH`: the store in the foreground, logging to stderr, until
/// SIGTERM or Ctrl-C, after which the socket files are removed.
/// </summary>
public static class XenStoredCommand
{
    public static Command Create()
    {
        var socket = new Option<string>("--socket") { Description = "Unix socket path (what XENSTORED_PATH points at); clients are dom0", Required = true };
        var guestSocket = new Option<string?>("--guest-socket") { Description = "Second socket whose clients act as the unprivileged domain --guest-domid" };
        var guestDomId = new Option<uint>("--guest-domid") { Description = "Domain id of --guest-socket clients", DefaultValueFactory = _ => 1 };
        var quotaOptions = XsQuotas.Names.ToDictionary(
            name => name,
            name => new Option<int?>("--quota-" + name) { Description = $"Quota '{name}' for unprivileged domains (default {XsQuotas.Default.Get(name)})" });

        var command = new Command("xenstored", "Run the XenStore service on a unix socket (real xenstore tools can talk to it)");
        command.Options.Add(socket);
        command.Options.Add(guestSocket);
        command.Options.Add(guestDomId);
        foreach (var o in quotaOptions.Values)
            command.Options.Add(o);

        command.SetAction(async (parse, ct) =>
        {
            var quotas = XsQuotas.Default;
            foreach (var (name, option) in quotaOptions)
            {
                if (parse.GetValue(option) is { } v)
                    quotas = quotas.With(name, v)!;
            }
            var options = new XenStoreServerOptions
            {
                SocketPath = parse.GetValue(socket)!,
                GuestSocketPath = parse.GetValue(guestSocket),
                GuestDomId = parse.GetValue(guestDomId),
                Quotas = quotas,
            };
            return await RunAsync(options, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Every line on stderr carries date, time and pid, so interleaved logs stay attributable.</summary>
    public static ILoggerFactory CreateStderrLoggerFactory(LogLevel minimum = LogLevel.Information)
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return LoggerFactory.Create(b => b
            .SetMinimumLevel(minimum)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff '[" + pid + "]' ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
    }

    private static async Task<int> RunAsync(XenStoreServerOptions options, CancellationToken ct)
    {
        using var loggers = CreateStderrLoggerFactory();
        var logger = loggers.CreateLogger<XenStoreServer>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        var server = new XenStoreServer(options, logger);
        await using (server.ConfigureAwait(false))
        {
            try
            {
                server.Start();
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
            {
                logger.LogError("cannot listen on {Path}: {Error}", options.SocketPath, ex.Message);
                return 1;
            }
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                logger.LogInformation("shutting down");
            }
        }
        return 0;
    }
}
