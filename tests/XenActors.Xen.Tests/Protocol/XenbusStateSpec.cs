using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;

namespace XenActors.Xen.Tests.Protocol;

public class XenbusStateSpec
{
    [Theory]
    [InlineData(XenbusState.Unknown, 0)]
    [InlineData(XenbusState.Initialising, 1)]
    [InlineData(XenbusState.InitWait, 2)]
    [InlineData(XenbusState.Initialised, 3)]
    [InlineData(XenbusState.Connected, 4)]
    [InlineData(XenbusState.Closing, 5)]
    [InlineData(XenbusState.Closed, 6)]
    [InlineData(XenbusState.Reconfiguring, 7)]
    [InlineData(XenbusState.Reconfigured, 8)]
    public void Must_use_the_numbers_of_xenbus_h_and_round_trip_through_the_decimal_string(XenbusState state, int number)
    {
        Assert.Equal(number, (int)state);
        var text = XenbusStateText.Format(state);
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.True(XenbusStateText.TryParse(text, out var parsed));
        Assert.Equal(state, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("9")]
    [InlineData("-1")]
    [InlineData("Connected")]
    [InlineData("0x4")]
    public void Must_refuse_anything_but_a_decimal_state_and_read_it_as_Unknown(string? text)
    {
        Assert.False(XenbusStateText.TryParse(text, out _));
        Assert.Equal(XenbusState.Unknown, XenbusStateText.ParseOrUnknown(text));
    }

    [Fact]
    public void Must_accept_a_value_with_a_trailing_nul_as_xenstore_may_return_it()
    {
        Assert.Equal(XenbusState.Reconfiguring, XenbusStateText.ParseOrUnknown("7\0"));
    }
}
