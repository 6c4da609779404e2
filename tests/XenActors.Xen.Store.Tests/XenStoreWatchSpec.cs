using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Tests;

public class XenStoreWatchSpec
{
    private readonly XenStoreCore _core = new();
    private readonly TestClient _dom0;
    private readonly TestClient _watcher;

    public XenStoreWatchSpec()
    {
        _dom0 = new TestClient(_core, 0, privileged: true);
        _watcher = new TestClient(_core, 0, privileged: true);
    }

    [Fact]
    public void Must_fire_once_on_registration_even_for_a_missing_node()
    {
        Assert.Equal(XsdError.None, _watcher.Watch("/not/there", "t1"));
        Assert.Equal([("/not/there", "t1")], _watcher.Events);
    }

    [Fact]
    public void Must_fire_for_the_path_and_everything_below_but_not_for_siblings()
    {
        _watcher.Watch("/a/b", "t");
        _watcher.Events.Clear();
        _dom0.Write("/a/b", "1");
        _dom0.Write("/a/b/c/d", "2");
        _dom0.Write("/a/bc", "3");
        _dom0.Write("/a", "4");
        Assert.Equal([("/a/b", "t"), ("/a/b/c/d", "t")], _watcher.Events);
    }

    [Fact]
    public void Must_refuse_the_same_path_and_token_twice_with_EEXIST()
    {
        _watcher.Watch("/a", "t");
        Assert.Equal(XsdError.EEXIST, _watcher.Watch("/a", "t"));
        Assert.Equal(XsdError.None, _watcher.Watch("/a", "other"));
    }

    [Fact]
    public void Must_answer_ENOENT_when_unwatching_an_unknown_watch_and_stop_firing_after_unwatch()
    {
        Assert.Equal(XsdError.ENOENT, _watcher.Call(XsdMessageType.Unwatch, 0, "/a", "t").Error);
        _watcher.Watch("/a", "t");
        Assert.Equal(XsdError.None, _watcher.Call(XsdMessageType.Unwatch, 0, "/a", "t").Error);
        _watcher.Events.Clear();
        _dom0.Write("/a", "1");
        Assert.Empty(_watcher.Events);
    }

    [Fact]
    public void Must_report_the_watched_path_when_an_ancestor_is_removed()
    {
        _dom0.Write("/r/s/t", "1");
        _watcher.Watch("/r/s/t", "deep");
        _watcher.Watch("/", "root");
        _watcher.Events.Clear();
        _dom0.Rm("/r");
        Assert.Contains(("/r/s/t", "deep"), _watcher.Events);
        Assert.Contains(("/r", "root"), _watcher.Events);
        Assert.DoesNotContain(("/r/s", "root"), _watcher.Events);
    }

    [Fact]
    public void Must_report_relative_event_paths_for_relative_watches()
    {
        _dom0.Mkdir("/local/domain/4");
        _dom0.SetPerms("/local/domain/4", "n4");
        var guest = new TestClient(_core, 4, privileged: false);
        guest.Watch("device", "dev");
        Assert.Equal([("device", "dev")], guest.Events);
        guest.Events.Clear();
        _dom0.Write("/local/domain/4/device/pci/0/state", "1");
        Assert.Equal([("device/pci/0/state", "dev")], guest.Events);
    }

    [Fact]
    public void Must_not_tell_a_watcher_about_nodes_it_cannot_read()
    {
        var guest = new TestClient(_core, 9, privileged: false);
        guest.Watch("/secret", "s");
        guest.Events.Clear();
        _dom0.Write("/secret/key", "1");
        Assert.Empty(guest.Events);
        _dom0.Write("/secret/open", "2");
        _dom0.SetPerms("/secret/open", "n0", "r9");
        Assert.Equal([("/secret/open", "s")], guest.Events);
    }

    [Fact]
    public void Must_coalesce_identical_events_caused_by_one_request()
    {
        _watcher.Watch("/c", "t");
        _watcher.Events.Clear();
        var tx = _dom0.Start();
        _dom0.Write("/c/x", "1", tx);
        _dom0.Write("/c/x", "2", tx);
        _dom0.Write("/c/x", "3", tx);
        _dom0.End(tx);
        Assert.Equal([("/c/x", "t")], _watcher.Events);
    }

    [Fact]
    public void Must_honour_the_optional_depth_argument()
    {
        Assert.Equal(XsdError.None, _watcher.Call(XsdMessageType.Watch, 0, "/d", "t", "1").Error);
        _watcher.Events.Clear();
        _dom0.Write("/d/one", "1");
        _dom0.Write("/d/one/two", "2");
        Assert.Equal([("/d/one", "t")], _watcher.Events);
    }

    [Fact]
    public void Must_list_every_watch_with_its_connection_path_and_token_in_the_order_set()
    {
        _watcher.Watch("/a", "t");
        _dom0.Watch("@releaseDomain", "wait");
        _watcher.Watch("/a", "other");
        _watcher.Call(XsdMessageType.Unwatch, 0, "/a", "t");

        Assert.Equal(
            [(_dom0.Connection, "@releaseDomain", "wait"), (_watcher.Connection, "/a", "other")],
            _core.ListWatches());
    }

    [Fact]
    public void Must_drop_all_watches_and_transactions_on_RESET_WATCHES()
    {
        _watcher.Watch("/a", "t");
        var tx = _watcher.Start();
        Assert.Equal(XsdError.None, _watcher.Call(XsdMessageType.ResetWatches, 0).Error);
        _watcher.Events.Clear();
        _dom0.Write("/a", "1");
        Assert.Empty(_watcher.Events);
        Assert.Equal(XsdError.ENOENT, _watcher.End(tx));
    }

    [Fact]
    public void Must_fire_introduce_and_release_domain_to_privileged_watchers_only()
    {
        var guest = new TestClient(_core, 9, privileged: false);
        _watcher.Watch("@introduceDomain", "in");
        _watcher.Watch("@releaseDomain", "out");
        guest.Watch("@releaseDomain", "g");
        _watcher.Events.Clear();
        guest.Events.Clear();
        Assert.Equal(XsdError.None, _dom0.Call(XsdMessageType.Introduce, 0, "12", "4096", "3").Error);
        Assert.Equal(XsdError.None, _dom0.Call(XsdMessageType.Release, 0, "12").Error);
        Assert.Equal([("@introduceDomain", "in"), ("@releaseDomain", "out")], _watcher.Events);
        Assert.Empty(guest.Events);
    }

    [Fact]
    public void Must_reject_unknown_special_paths_with_EINVAL()
    {
        Assert.Equal(XsdError.EINVAL, _watcher.Watch("@somethingElse", "t"));
    }
}
