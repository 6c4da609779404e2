using Microsoft.Extensions.Configuration;
using XenActors.Actor;

namespace XenActors.Runtime.Tests.Configuration;

public sealed class ActorSettingsSpec
{
    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public async Task Must_bind_settings_from_json_configuration()
    {
        using var system = ActorSystem.Create("cfg", Json("""{ "xenactors": { "actor": { "throughput": 5, "askTimeout": "00:00:02" } } }"""));
        Assert.Equal(5, system.Settings.Throughput);
        Assert.Equal(TimeSpan.FromSeconds(2), system.Settings.AskTimeout);
        await system.Terminate();
    }

    [Fact]
    public void Must_use_Akkas_defaults_when_nothing_is_configured()
    {
        using var system = ActorSystem.Create("defaults");
        Assert.Equal(30, system.Settings.Throughput);
        Assert.Null(system.Settings.AskTimeout);
    }

    [Theory]
    [InlineData("""{ "xenactors": { "actor": { "throughput": 0 } } }""", "xenactors:actor:throughput")]
    [InlineData("""{ "xenactors": { "actor": { "throughput": "fast" } } }""", "xenactors:actor:throughput")]
    [InlineData("""{ "xenactors": { "actor": { "askTimeout": "-00:00:01" } } }""", "xenactors:actor:askTimeout")]
    [InlineData("""{ "xenactors": { "actor": { "logDeadLetters": -1 } } }""", "xenactors:actor:logDeadLetters")]
    public void Must_refuse_a_bad_value_naming_its_key(string json, string key)
    {
        var ex = Assert.Throws<ConfigurationException>(() => ActorSystem.Create("bad", Json(json)));
        Assert.Contains(key, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("has_underscore")]
    [InlineData("dot.ted")]
    public void Must_refuse_an_invalid_system_name(string name) =>
        Assert.Throws<ArgumentException>(() => ActorSystem.Create(name));
}
