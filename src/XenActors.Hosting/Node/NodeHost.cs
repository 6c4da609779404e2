using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using XenActors.Actor;

namespace XenActors.Hosting.Node;

/// <summary>Builds and runs the generic host of one node process; returns the process exit code.</summary>
public static class NodeHost
{
    public static async Task<int> RunAsync(string? configFile, IReadOnlyList<string> overrides, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        NodeSettings settings;
        Microsoft.Extensions.Configuration.IConfigurationRoot configuration;
        try
        {
            configuration = NodeSettings.BuildConfiguration(configFile, overrides);
            settings = NodeSettings.From(configuration);
        }
        catch (ConfigurationException ex)
        {
            await errors.WriteLineAsync($"xenactors node: configuration error: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddConsole(o => o.FormatterName = NodeLogFormatter.FormatterName).AddConsoleFormatter<NodeLogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        builder.Services.AddSingleton<ClusterNodeService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterNodeService>());
        // SIGTERM/SIGINT stop the host, which runs CoordinatedShutdown in the service's StopAsync.
        builder.Services.AddSingleton<IHostLifetime, Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>();
        using var host = builder.Build();
        // Taken now: RunAsync disposes the host's services when it returns.
        var node = host.Services.GetRequiredService<ClusterNodeService>();
        try
        {
            await host.RunAsync().ConfigureAwait(false);
        }
        catch (ConfigurationException ex)
        {
            await errors.WriteLineAsync($"xenactors node: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        if (node.Failure is { } failure)
        {
            await errors.WriteLineAsync($"xenactors node: {failure}").ConfigureAwait(false);
            return 1;
        }
        return 0;
    }
}
