using FsCheck;
using FsCheck.Fluent;
using XenActors.Actor;

namespace XenActors.Runtime.Tests.Actor;

public sealed class ActorPathSpec
{
    [Fact]
    public void Must_format_a_local_path_with_protocol_system_and_elements()
    {
        var path = ActorPath.Root(new Address("xen", "sys")) / "user" / "a" / "b";
        Assert.Equal("xen://sys/user/a/b", path.ToString());
        Assert.Equal("/user/a/b", path.ToStringWithoutAddress());
        Assert.Equal(["user", "a", "b"], path.Elements);
    }

    [Fact]
    public void Must_parse_a_remote_path_with_host_port_and_uid()
    {
        var path = ActorPath.Parse("xen://host1@127.0.0.1:2552/user/xend#42");
        Assert.Equal("host1", path.Address.System);
        Assert.Equal("127.0.0.1", path.Address.Host);
        Assert.Equal(2552, path.Address.Port);
        Assert.Equal(42, path.Uid);
        Assert.Equal("xend", path.Name);
        Assert.Equal("xen://host1@127.0.0.1:2552/user/xend#42", path.ToSerializationFormat());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("user/a", "expected proto://")]
    [InlineData("xen://bad_name/user", "invalid system name")]
    [InlineData("xen://sys@host/user", "host:port")]
    [InlineData("xen://sys/user/a b", "invalid path element")]
    [InlineData("xen://sys/user/a#x", "uid")]
    public void Must_refuse_malformed_paths_with_a_reason(string text, string reason)
    {
        Assert.False(ActorPath.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ActorPath.Parse(text));
    }

    [Fact]
    public void Must_compare_equal_ignoring_uid()
    {
        var a = ActorPath.Parse("xen://s/user/a#1");
        var b = ActorPath.Parse("xen://s/user/a#2");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ActorPath.Parse("xen://s/user/b"));
    }

    private static readonly char[] NameChars = "abcXYZ019-_.*$+:@&=,!~';()".ToCharArray();

    private static Arbitrary<(string System, string? Host, int Port, string[] Elements, long Uid)> Paths()
    {
        var name = Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Gen.Elements(NameChars), n)).Select(c => new string(c));
        var system = Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcXYZ019".ToCharArray()), n)).Select(c => new string(c));
        var host = Gen.Elements<string?>(null, "127.0.0.1", "node-a", "::1");
        var gen =
            from s in system
            from h in host
            from port in Gen.Choose(0, 65535)
            from count in Gen.Choose(0, 5)
            from elements in Gen.ArrayOf(name, count)
            from uid in Gen.Choose(0, int.MaxValue).Select(u => (long)u)
            select (s, h, port, elements, uid);
        return gen.ToArbitrary();
    }

    [Fact]
    public void Must_round_trip_any_valid_path_through_format_and_parse()
    {
        Prop.ForAll(Paths(), p =>
        {
            var address = new Address("xen", p.System, p.Host, p.Host is null ? null : p.Port);
            var path = ActorPath.Root(address);
            foreach (var e in p.Elements) path = path / e;
            path = path.WithUid(p.Uid);
            var parsed = ActorPath.Parse(path.ToSerializationFormat());
            return parsed.Equals(path) && parsed.Uid == path.Uid && parsed.Address == address
                   && parsed.ToSerializationFormat() == path.ToSerializationFormat();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_accept_only_legal_path_elements()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), s =>
        {
            var valid = ActorPath.IsValidPathElement(s);
            if (!valid) return true;
            // Whatever is accepted must survive as an element of a parsed path.
            return ActorPath.Parse("xen://s/" + s).Name == s;
        }).QuickCheckThrowOnFailure();
    }
}
