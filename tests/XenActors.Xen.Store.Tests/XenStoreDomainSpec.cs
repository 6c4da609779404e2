using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Tests;

public class XenStoreDomainSpec
{
    private readonly XenStoreCore _core = new();
    private readonly TestClient _dom0;

    public XenStoreDomainSpec() => _dom0 = new TestClient(_core, 0, privileged: true);

    private string Introduced(string domid) =>
        XsPayload.Strings(_dom0.Call(XsdMessageType.IsDomainIntroduced, 0, domid).Payload)[0];

    [Fact]
    public void Must_track_introduction_and_release()
    {
        Assert.Equal("T", Introduced("0"));
        Assert.Equal("F", Introduced("3"));
        Assert.Equal(XsdError.None, _dom0.Call(XsdMessageType.Introduce, 0, "3", "1234", "5").Error);
        Assert.Equal("T", Introduced("3"));
        Assert.Equal(XsdError.None, _dom0.Call(XsdMessageType.Release, 0, "3").Error);
        Assert.Equal("F", Introduced("3"));
    }

    [Fact]
    public void Must_answer_ENOENT_when_releasing_an_unknown_domain_and_EINVAL_for_dom0()
    {
        Assert.Equal(XsdError.ENOENT, _dom0.Call(XsdMessageType.Release, 0, "77").Error);
        Assert.Equal(XsdError.EINVAL, _dom0.Call(XsdMessageType.Release, 0, "0").Error);
        Assert.Equal(XsdError.EINVAL, _dom0.Call(XsdMessageType.Introduce, 0, "0", "1", "1").Error);
    }

    [Fact]
    public void Must_drop_the_watches_and_transactions_of_a_released_domain_and_tell_its_connection()
    {
        _dom0.Call(XsdMessageType.Introduce, 0, "3", "1", "1");
        var guest = new TestClient(_core, 3, privileged: false);
        guest.Watch("/local/domain/3", "w");
        guest.Start();
        _dom0.Call(XsdMessageType.Release, 0, "3");
        Assert.True(guest.WasReleased);
        Assert.Equal(0, guest.Connection.WatchCount);
        Assert.Equal(0, guest.Connection.TransactionCount);
        Assert.Equal(0, _core.WatchCount);
        Assert.Equal(XsdError.EINVAL, guest.Call(XsdMessageType.Read, 0, "/").Error);
    }

    [Fact]
    public void Must_answer_ENOENT_to_resume_or_set_target_of_unknown_domains()
    {
        Assert.Equal(XsdError.ENOENT, _dom0.Call(XsdMessageType.Resume, 0, "8").Error);
        Assert.Equal(XsdError.ENOENT, _dom0.Call(XsdMessageType.SetTarget, 0, "8", "9").Error);
        _dom0.Call(XsdMessageType.Introduce, 0, "8", "1", "1");
        Assert.Equal(XsdError.None, _dom0.Call(XsdMessageType.Resume, 0, "8").Error);
    }

    [Fact]
    public void Must_fire_releaseDomain_once_on_shutdown_until_resumed()
    {
        _dom0.Call(XsdMessageType.Introduce, 0, "8", "1", "1");
        _dom0.Watch("@releaseDomain", "r");
        _dom0.Events.Clear();
        _core.MarkShutdown(8);
        _core.MarkShutdown(8);
        Assert.Single(_dom0.Events);
        _dom0.Call(XsdMessageType.Resume, 0, "8");
        _core.MarkShutdown(8);
        Assert.Equal(2, _dom0.Events.Count);
    }

    [Fact]
    public void Must_answer_CONTROL_check_and_help_and_reject_unknown_subcommands()
    {
        _dom0.Write("/some/tree", "1");
        Assert.Equal(["OK"], XsPayload.Strings(_dom0.Call(XsdMessageType.Control, 0, "check").Payload));
        Assert.Contains("quota", XsPayload.Strings(_dom0.Call(XsdMessageType.Control, 0, "help").Payload)[0]);
        Assert.Equal(XsdError.EINVAL, _dom0.Call(XsdMessageType.Control, 0, "explode").Error);
        Assert.Equal(XsdError.None, _dom0.Call(XsdMessageType.Control, 0, "quota", "nodes", "7").Error);
        Assert.Equal(7, _core.Quotas.Nodes);
    }
}
