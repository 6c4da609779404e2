using System.Globalization;
using XenActors.Xen.Xenbus;

namespace XenActors.Xen.Protocol;

/// <summary>Parse and format the decimal string XenStore holds for a <see cref="XenbusState"/>.</summary>
public static class XenbusStateText
{
    /// <summary>The decimal form written by <c>xenbus_switch_state</c> (<c>"%d"</c>).</summary>
    public static string Format(XenbusState state) => ((int)state).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses the node value the way the drivers do (<c>xenbus_read_driver_state</c> uses <c>%d</c>):
    /// only a decimal number in 0..8 is a state; anything else is refused rather than guessed.
    /// </summary>
    public static bool TryParse(string? text, out XenbusState state)
    {
        state = XenbusState.Unknown;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var trimmed = text.AsSpan().TrimEnd('\0').Trim();
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < (int)XenbusState.Unknown || value > (int)XenbusState.Reconfigured)
        {
            return false;
        }

        state = (XenbusState)value;
        return true;
    }

    /// <summary>
    /// What <c>xenbus_read_driver_state</c> returns: a missing or unreadable node reads as
    /// <see cref="XenbusState.Unknown"/>, which is also how the other end learns it has gone.
    /// </summary>
    public static XenbusState ParseOrUnknown(string? text) => TryParse(text, out var state) ? state : XenbusState.Unknown;
}
