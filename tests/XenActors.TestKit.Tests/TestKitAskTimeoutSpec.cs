using Microsoft.Extensions.Configuration;
using XenActors.Actor;

namespace XenActors.TestKit.Tests;

/// <summary>A test system whose configuration names an Ask timeout keeps it: the TestKit's default only fills a gap.</summary>
public sealed class TestKitAskTimeoutSpec() : TestKit(new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["xenactors:actor:askTimeout"] = "00:00:00.2" })
    .Build())
{
    [Fact]
    public async Task Must_keep_the_configured_ask_timeout_and_fail_an_unanswered_Ask_with_it()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200), Sys.Settings.AskTimeout);
        var silent = CreateTestProbe();

        await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ref.Ask<string>("anyone?"));
    }
}
