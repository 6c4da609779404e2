using System.Text.Json;
using XenActors.Benchmarks.Hotplug;
using XenActors.Hosting.Node.Bench;

namespace XenActors.Cli.Tests.Benchmarks;

/// <summary>The hot-plug bench says which of issue #5's goals a run met, and which it did not measure as stated.</summary>
public sealed class HotplugGoalsSpec
{
    private static HotplugReport Report(double cyclesPerSecond, int guests, double? attachP50Us) => new()
    {
        Single = new HotplugLatency(),
        Sustained = new HotplugThroughput { Guests = guests, CyclesPerSecond = cyclesPerSecond },
        CrossProcess = attachP50Us is { } a ? new CrossProcessHotplugReport { AttachP50Us = a } : null,
    };

    [Fact]
    public void Must_say_a_goal_is_met_or_not_by_its_bound()
    {
        var goals = HotplugGoals.Evaluate(Report(722, 100, 8_040));
        Assert.Equal(new HotplugGoal("cross_process_attach_p50_ms", "<= 5", 8.04, false), goals[0]);
        Assert.Equal(new HotplugGoal("sustained_cycles_per_second_100_guests", ">= 500", 722, true), goals[1]);

        goals = HotplugGoals.Evaluate(Report(499.9, 100, 5_000));
        Assert.True(goals[0].Met);
        Assert.False(goals[1].Met);
    }

    [Fact]
    public void Must_leave_unmeasured_goals_undecided()
    {
        var goals = HotplugGoals.Evaluate(Report(2_000, 2, null));
        Assert.All(goals, g => Assert.Null(g.Met));
        Assert.All(goals, g => Assert.Null(g.Measured));
    }

    [Fact]
    public async Task Must_print_the_goals_in_the_json_report()
    {
        var result = await CliProcess.RunAsync("bench", "hotplug", "--cycles", "20", "--guests", "2", "--cross-process-cycles", "0", "--quiet");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var goals = json.RootElement.GetProperty("goals").EnumerateArray().ToList();
        Assert.Equal(["cross_process_attach_p50_ms", "sustained_cycles_per_second_100_guests"], goals.Select(g => g.GetProperty("name").GetString()));
        Assert.All(goals, g => Assert.Equal(JsonValueKind.Null, g.GetProperty("met").ValueKind));
    }
}
