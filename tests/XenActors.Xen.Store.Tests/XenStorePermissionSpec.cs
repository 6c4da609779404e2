using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Tests;

public class XenStorePermissionSpec
{
    private readonly XenStoreCore _core = new();
    private readonly TestClient _dom0;
    private readonly TestClient _dom5;
    private readonly TestClient _dom6;

    public XenStorePermissionSpec()
    {
        _dom0 = new TestClient(_core, 0, privileged: true);
        _dom5 = new TestClient(_core, 5, privileged: false);
        _dom6 = new TestClient(_core, 6, privileged: false);
        _dom0.Mkdir("/local/domain/5");
        _dom0.SetPerms("/local/domain/5", "n5", "r0");
    }

    [Fact]
    public void Must_let_a_reader_read_but_not_write_under_acl_n0_r5()
    {
        _dom0.Write("/be", "v");
        _dom0.SetPerms("/be", "n0", "r5");
        Assert.Equal("v", _dom5.Read("/be"));
        Assert.Equal(XsdError.EACCES, _dom5.Write("/be", "w"));
        Assert.Equal(XsdError.EACCES, _dom6.ReadError("/be"));
    }

    [Fact]
    public void Must_report_permissions_with_the_owner_first()
    {
        _dom0.Write("/be", "v");
        _dom0.SetPerms("/be", "n0", "r5", "b7");
        Assert.Equal("n0,r5,b7", _dom5.Perms("/be"));
    }

    [Fact]
    public void Must_make_an_unprivileged_creator_the_owner_of_inherited_permissions()
    {
        _dom0.Mkdir("/shared");
        _dom0.SetPerms("/shared", "n0", "b5");
        Assert.Equal(XsdError.None, _dom5.Write("/shared/x", "1"));
        Assert.Equal("n5,b5", _dom0.Perms("/shared/x"));
        Assert.Equal(1, _core.NodesOwnedBy(5) - 1);
    }

    [Fact]
    public void Must_keep_the_inherited_owner_when_dom0_creates_the_node()
    {
        _dom0.Write("/local/domain/5/fromdom0", "1");
        Assert.Equal("n5,r0", _dom0.Perms("/local/domain/5/fromdom0"));
    }

    [Fact]
    public void Must_resolve_relative_paths_under_the_callers_domain_directory()
    {
        Assert.Equal(XsdError.None, _dom5.Write("data/x", "rel"));
        Assert.Equal("rel", _dom0.Read("/local/domain/5/data/x"));
        Assert.Equal("rel", _dom5.Read("data/x"));
    }

    [Fact]
    public void Must_refuse_SET_PERMS_from_a_non_owner_with_EACCES()
    {
        _dom0.Mkdir("/shared");
        _dom0.SetPerms("/shared", "n0", "b5");
        Assert.Equal(XsdError.EACCES, _dom5.SetPerms("/shared", "n0", "b5", "r6"));
    }

    [Fact]
    public void Must_refuse_an_unprivileged_owner_change_with_EPERM()
    {
        _dom5.Write("mine", "1");
        Assert.Equal(XsdError.EPERM, _dom5.SetPerms("mine", "n6"));
        Assert.Equal(XsdError.None, _dom5.SetPerms("mine", "n5", "r6"));
        Assert.Equal("1", _dom6.Read("/local/domain/5/mine"));
    }

    [Fact]
    public void Must_hide_whether_a_node_exists_from_domains_that_cannot_read_its_parent()
    {
        Assert.Equal(XsdError.EACCES, _dom6.ReadError("/local/domain/5/missing"));
        Assert.Equal(XsdError.ENOENT, _dom5.ReadError("/local/domain/5/missing"));
    }

    [Fact]
    public void Must_refuse_creation_below_a_node_the_caller_cannot_write()
    {
        Assert.Equal(XsdError.EACCES, _dom6.Write("/local/domain/5/intruder", "x"));
        Assert.Equal(XsdError.EACCES, _dom6.Write("/toplevel", "x"));
    }

    [Fact]
    public void Must_reject_malformed_permission_strings_with_EINVAL()
    {
        _dom0.Write("/p", "");
        Assert.Equal(XsdError.EINVAL, _dom0.SetPerms("/p", "x0"));
        Assert.Equal(XsdError.EINVAL, _dom0.SetPerms("/p", "r"));
        Assert.Equal(XsdError.EINVAL, _dom0.Call(XsdMessageType.SetPerms, 0, "/p").Error);
    }

    [Fact]
    public void Must_refuse_privileged_operations_from_a_domU_with_EACCES()
    {
        Assert.Equal(XsdError.EACCES, _dom5.Call(XsdMessageType.Introduce, 0, "9", "1", "1").Error);
        Assert.Equal(XsdError.EACCES, _dom5.Call(XsdMessageType.Control, 0, "check").Error);
        Assert.Equal(XsdError.EACCES, _dom5.Call(XsdMessageType.IsDomainIntroduced, 0, "5").Error);
    }

    [Fact]
    public void Must_give_a_targeting_domain_the_rights_of_its_target()
    {
        _dom0.Call(XsdMessageType.Introduce, 0, "5", "1", "1");
        _dom0.Call(XsdMessageType.Introduce, 0, "6", "1", "1");
        _dom5.Write("secret", "s");
        Assert.Equal(XsdError.EACCES, _dom6.ReadError("/local/domain/5/secret"));
        Assert.Equal(XsdError.None, _dom0.Call(XsdMessageType.SetTarget, 0, "6", "5").Error);
        Assert.Equal("s", _dom6.Read("/local/domain/5/secret"));
    }
}
