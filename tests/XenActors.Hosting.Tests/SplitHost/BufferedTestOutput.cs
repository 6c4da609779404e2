using System.Text;
using Xunit.Abstractions;

namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>Output for a class fixture, which has no test output of its own: kept, and shown when start-up fails.</summary>
public sealed class BufferedTestOutput : ITestOutputHelper
{
    private readonly StringBuilder _text = new();

    public void WriteLine(string message)
    {
        lock (_text) _text.AppendLine(message);
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

    public override string ToString()
    {
        lock (_text) return _text.ToString();
    }
}
