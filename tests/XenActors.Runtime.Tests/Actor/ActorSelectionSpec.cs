using XenActors.Actor;

namespace XenActors.Runtime.Tests.Actor;

public sealed class ActorSelectionSpec : TestKit.TestKit
{
    private IActorRef[] Tree()
    {
        var host = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)), "host");
        var names = new[] { "pcifront-1", "pcifront-2", "pciback" };
        foreach (var n in names) host.Tell((Props.Create<EchoActor>(), n), TestActor);
        return names.Select(_ => ExpectMsg<IActorRef>()).ToArray();
    }

    [Fact]
    public void Must_deliver_to_an_exact_absolute_path()
    {
        var refs = Tree();
        Sys.ActorSelection("/user/host/pciback").Tell("hi", TestActor);
        ExpectMsg("hi");
        Assert.Equal(refs[2], LastSender);
    }

    [Fact]
    public void Must_deliver_to_every_wildcard_match()
    {
        var refs = Tree();
        Sys.ActorSelection("/user/host/pcifront-*").Tell("kick", TestActor);
        ExpectMsg("kick");
        var first = LastSender;
        ExpectMsg("kick");
        Assert.Equal(new[] { refs[0], refs[1] }.OrderBy(r => r.Path.Name), new[] { first, LastSender }.OrderBy(r => r.Path.Name));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Must_resolve_one_by_a_full_path_with_address()
    {
        var refs = Tree();
        var found = await Sys.ActorSelection("xen://test/user/host/pcifront-?").ResolveOne(TimeSpan.FromSeconds(3));
        Assert.Contains(found, refs.Take(2));
    }

    [Fact]
    public async Task Must_fail_ResolveOne_with_ActorNotFoundException_when_nothing_matches()
    {
        Tree();
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/host/nope").ResolveOne(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Must_resolve_relative_paths_with_parent_steps_from_an_actor()
    {
        var refs = Tree();
        var asker = Sys.ActorOf(Props.Create(() => new SiblingCaller()), "caller");
        asker.Tell("../host/pciback", TestActor);
        ExpectMsg("via-sibling");
        Assert.Equal(refs[2], LastSender);
    }

    private sealed class SiblingCaller : ReceiveActor
    {
        public SiblingCaller() => Receive<string>(path => Context.ActorSelection(path).Tell("via-sibling", Sender));
    }

    [Fact]
    public void Must_send_unmatched_messages_to_dead_letters()
    {
        Sys.EventStream.Subscribe<XenActors.Event.DeadLetter>(TestActor);
        Sys.ActorSelection("/user/ghost").Tell("lost", TestActor);
        ExpectMsg<XenActors.Event.DeadLetter>(d => (string)d.Message == "lost");
    }

    [Theory]
    [InlineData("pcifront-*", "pcifront-12", true)]
    [InlineData("pcifront-?", "pcifront-12", false)]
    [InlineData("*back", "pciback", true)]
    [InlineData("a*b*c", "aXXbYc", true)]
    [InlineData("a*b*c", "aXXbY", false)]
    public void Must_match_globs(string pattern, string name, bool expected) =>
        Assert.Equal(expected, XenActors.Actor.ActorSelection.Glob(pattern, name));
}
