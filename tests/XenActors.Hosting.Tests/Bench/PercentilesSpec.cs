using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using XenActors.Hosting.Node.Bench;

namespace XenActors.Hosting.Tests.Bench;

/// <summary>The one percentile every bench reports with: nearest rank, so a p99 is always a measured sample.</summary>
public sealed class PercentilesSpec
{
    private static double Fraction(ushort x) => x / (double)ushort.MaxValue;

    [Fact]
    public void Must_be_a_sample_monotone_in_p_from_the_minimum_at_0_to_the_maximum_at_1() =>
        Prop.ForAll<NonEmptyArray<long>, ushort, ushort>((samples, a, b) =>
        {
            var values = samples.Get;
            var (low, high) = (Fraction(Math.Min(a, b)), Fraction(Math.Max(a, b)));
            return values.Contains(Percentiles.Of(values, low))
                && Percentiles.Of(values, low) <= Percentiles.Of(values, high)
                && Percentiles.Of(values, 0) == values.Min()
                && Percentiles.Of(values, 1) == values.Max();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Must_give_the_same_sample_for_sorted_and_unsorted_input() =>
        Prop.ForAll<NonEmptyArray<double>, ushort>((samples, a) =>
        {
            var values = samples.Get.Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
            return Percentiles.Of(values, Fraction(a)).Equals(Percentiles.OfSorted(values.Order().ToArray(), Fraction(a)));
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(0.05, 15)]
    [InlineData(0.30, 20)]
    [InlineData(0.40, 20)]
    [InlineData(0.50, 35)]
    [InlineData(0.99, 50)]
    [InlineData(1.00, 50)]
    public void Must_take_the_nearest_rank_not_an_interpolation(double p, int expected) =>
        Assert.Equal(expected, Percentiles.Of([50, 15, 40, 20, 35], p));

    [Fact]
    public void Must_report_stopwatch_ticks_in_microseconds_to_a_tenth_and_nothing_measured_as_0()
    {
        Assert.Equal(1e6, Percentiles.MicrosecondsOf([Stopwatch.Frequency, 1, 2], 0.99));
        Assert.Equal(Math.Round(3 * 1e6 / Stopwatch.Frequency, 1), Percentiles.MicrosecondsOf([3, 1, 2], 1));
        Assert.Equal(0, Percentiles.MicrosecondsOf([], 0.5));
    }

    [Fact]
    public void Must_refuse_no_samples_and_a_fraction_outside_0_to_1()
    {
        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => Percentiles.Of(Array.Empty<double>(), 0.5)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1.0], 1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1.0], -0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1.0], double.NaN));
    }
}
