using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace XenActors.Cli.Commands;

/// <summary><c>xenactors version [--json]</c>: the tool's version and the runtime it runs on.</summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of text" };
        var command = new Command("version", "Print the xenactors version and the .NET runtime");
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["version"] = version,
                    ["runtime"] = RuntimeInformation.FrameworkDescription,
                    ["os"] = RuntimeInformation.OSDescription,
                }));
            }
            else
            {
                Console.WriteLine($"xenactors {version} ({RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription})");
            }
            return 0;
        });
        return command;
    }
}
