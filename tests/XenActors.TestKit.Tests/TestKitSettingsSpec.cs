using XenActors.TestKit;

namespace XenActors.TestKit.Tests;

public sealed class TestKitSettingsSpec
{
    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("", 1.0)]
    [InlineData("2", 2.0)]
    [InlineData("1.5", 1.5)]
    public void Must_read_the_time_factor(string? text, double expected) =>
        Assert.Equal(expected, TestKitSettings.ReadTimeFactor(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("fast")]
    [InlineData("NaN")]
    public void Must_refuse_a_bad_time_factor_naming_the_variable(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => TestKitSettings.ReadTimeFactor(text));
        Assert.Contains(TestKitSettings.TimeFactorVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_dilate_durations_by_the_factor()
    {
        var settings = new TestKitSettings { TimeFactor = 3 };
        Assert.Equal(TimeSpan.FromSeconds(9), settings.Dilated(TimeSpan.FromSeconds(3)));
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.Dilated(Timeout.InfiniteTimeSpan));
    }
}
