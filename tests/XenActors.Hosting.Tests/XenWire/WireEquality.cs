using System.Collections;
using System.Reflection;
using XenActors.Actor;

namespace XenActors.Hosting.Tests.XenWire;

/// <summary>
/// Deep equality for round-trip assertions: records holding lists compare their lists by reference, so this walks
/// public properties and sequences instead; refs, strings and value-equal structs compare with Equals.
/// XenResult structs (private fields) compare by success, then value or error.
/// </summary>
internal static class WireEquality
{
    public static void AssertEquivalent(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }
        var type = expected.GetType();
        // Inside a message a list may come back as another IReadOnlyList implementation; the message itself may not.
        var bothSequences = path != "$" && expected is IEnumerable && actual is IEnumerable && expected is not string;
        Assert.True(type == actual.GetType() || bothSequences, $"{path}: expected a {type}, got a {actual.GetType()}");
        if (expected is IActorRef || expected is string || type.IsPrimitive || type.IsEnum || type == typeof(TimeSpan) || type == typeof(decimal))
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            return;
        }
        if (type.Name.StartsWith("XenResult", StringComparison.Ordinal) && type.Namespace == "XenActors.Xen.Hypervisor")
        {
            var success = (bool)type.GetProperty("IsSuccess")!.GetValue(expected)!;
            Assert.True(success == (bool)type.GetProperty("IsSuccess")!.GetValue(actual)!, $"{path}: success differs");
            var part = success ? (type.IsGenericType ? "Value" : null) : "Error";
            if (part is not null) AssertEquivalent(type.GetProperty(part)!.GetValue(expected), type.GetProperty(part)!.GetValue(actual), $"{path}.{part}");
            return;
        }
        if (expected is IEnumerable sequence)
        {
            var e = sequence.Cast<object?>().ToList();
            var a = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.True(e.Count == a.Count, $"{path}: expected {e.Count} items, got {a.Count}");
            for (var i = 0; i < e.Count; i++) AssertEquivalent(e[i], a[i], $"{path}[{i}]");
            return;
        }
        if (type.IsValueType)
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.Name == "EqualityContract") continue;
            AssertEquivalent(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }
}
