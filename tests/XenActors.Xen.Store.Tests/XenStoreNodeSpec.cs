using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Tests;

public class XenStoreNodeSpec
{
    private readonly XenStoreCore _core = new();
    private readonly TestClient _dom0;

    public XenStoreNodeSpec() => _dom0 = new TestClient(_core, 0, privileged: true);

    [Fact]
    public void Must_read_back_what_was_written()
    {
        Assert.Equal(XsdError.None, _dom0.Write("/a/b", "hello"));
        Assert.Equal("hello", _dom0.Read("/a/b"));
    }

    [Fact]
    public void Must_create_missing_parents_with_empty_values_on_write()
    {
        _dom0.Write("/x/y/z", "1");
        Assert.Equal("", _dom0.Read("/x"));
        Assert.Equal("", _dom0.Read("/x/y"));
        Assert.Equal(["y"], _dom0.Directory("/x"));
    }

    [Fact]
    public void Must_create_parents_on_mkdir_and_accept_existing_directory()
    {
        Assert.Equal(XsdError.None, _dom0.Mkdir("/m/n"));
        _dom0.Write("/m/n", "keep");
        Assert.Equal(XsdError.None, _dom0.Mkdir("/m/n"));
        Assert.Equal("keep", _dom0.Read("/m/n"));
    }

    [Fact]
    public void Must_list_children_in_creation_order()
    {
        _dom0.Write("/d/c", "");
        _dom0.Write("/d/a", "");
        _dom0.Write("/d/b", "");
        Assert.Equal(["c", "a", "b"], _dom0.Directory("/d"));
    }

    [Fact]
    public void Must_fail_read_of_missing_node_with_ENOENT()
    {
        Assert.Equal(XsdError.ENOENT, _dom0.ReadError("/nothing/here"));
    }

    [Fact]
    public void Must_remove_a_whole_subtree()
    {
        _dom0.Write("/t/a/b", "1");
        _dom0.Write("/t/c", "2");
        Assert.Equal(XsdError.None, _dom0.Rm("/t"));
        Assert.Equal(XsdError.ENOENT, _dom0.ReadError("/t/a/b"));
        Assert.Equal(XsdError.ENOENT, _dom0.ReadError("/t"));
        Assert.DoesNotContain("t", _dom0.Directory("/"));
        Assert.Null(_core.CheckConsistency());
    }

    [Fact]
    public void Must_accept_rm_of_missing_node_whose_parent_exists()
    {
        _dom0.Write("/p", "");
        Assert.Equal(XsdError.None, _dom0.Rm("/p/missing"));
    }

    [Fact]
    public void Must_fail_rm_with_ENOENT_when_parent_is_missing()
    {
        Assert.Equal(XsdError.ENOENT, _dom0.Rm("/no/such/thing"));
    }

    [Fact]
    public void Must_refuse_rm_of_root_with_EINVAL()
    {
        Assert.Equal(XsdError.EINVAL, _dom0.Rm("/"));
    }

    [Theory]
    [InlineData("/a//b")]
    [InlineData("/a/b/")]
    [InlineData("")]
    [InlineData("/a b")]
    [InlineData("/a.b")]
    [InlineData("@other")]
    public void Must_reject_invalid_paths_with_EINVAL(string path)
    {
        Assert.Equal(XsdError.EINVAL, _dom0.Write(path, "v"));
    }

    [Fact]
    public void Must_reject_paths_longer_than_the_absolute_maximum_with_EINVAL()
    {
        var longPath = "/" + new string('a', 3072);
        Assert.Equal(XsdError.EINVAL, _dom0.Write(longPath, "v"));
    }

    [Fact]
    public void Must_reject_a_request_whose_single_argument_lacks_its_NUL_with_EINVAL()
    {
        var reply = _dom0.Raw(XsdMessageType.Read, 0, "/a"u8.ToArray());
        Assert.Equal(XsdError.EINVAL, reply.Error);
    }

    [Fact]
    public void Must_answer_unknown_message_types_with_ENOSYS()
    {
        Assert.Equal(XsdError.ENOSYS, _dom0.Call((XsdMessageType)999, 0, "x").Error);
        Assert.Equal(XsdError.ENOSYS, _dom0.Call(XsdMessageType.Restrict, 0, "1").Error);
    }

    [Fact]
    public void Must_answer_E2BIG_when_a_directory_listing_exceeds_the_payload_limit()
    {
        for (var i = 0; i < 200; i++)
            _dom0.Write($"/big/child-with-a-fairly-long-name-{i:D4}", "");
        Assert.Equal(XsdError.E2BIG, _dom0.Call(XsdMessageType.Directory, 0, "/big").Error);
    }

    [Fact]
    public void Must_page_long_directories_with_DIRECTORY_PART_until_the_empty_terminator()
    {
        var expected = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            expected.Add($"child-with-a-fairly-long-name-{i:D4}");
            _dom0.Write("/big/" + expected[^1], "");
        }
        var collected = new List<string>();
        var offset = 0;
        string? generation = null;
        while (true)
        {
            var reply = _dom0.Call(XsdMessageType.DirectoryPart, 0, "/big", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.False(reply.IsError);
            Assert.True(reply.Payload.Length <= XsWireCodec.MaxPayload);
            var strings = XsPayload.Strings(reply.Payload);
            generation ??= strings[0];
            Assert.Equal(generation, strings[0]);
            var names = strings.Skip(1).ToList();
            if (names.Count > 0 && names[^1].Length == 0)
            {
                collected.AddRange(names.Take(names.Count - 1));
                break;
            }
            collected.AddRange(names);
            offset += names.Sum(n => n.Length + 1);
        }
        Assert.Equal(expected, collected);
    }

    [Fact]
    public void Must_answer_GET_DOMAIN_PATH_with_the_local_domain_path()
    {
        var reply = _dom0.Call(XsdMessageType.GetDomainPath, 0, "7");
        Assert.Equal(["/local/domain/7"], XsPayload.Strings(reply.Payload));
        Assert.Equal(XsdError.EINVAL, _dom0.Call(XsdMessageType.GetDomainPath, 0, "seven").Error);
    }

    [Fact]
    public void Must_store_binary_values_unchanged()
    {
        byte[] value = [0, 1, 2, 255, 0];
        Assert.False(_dom0.Raw(XsdMessageType.Write, 0, XsPayload.EncodeWrite("/bin", value)).IsError);
        Assert.Equal(value, _dom0.Call(XsdMessageType.Read, 0, "/bin").Payload);
    }
}
