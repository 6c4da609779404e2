using XenActors.Actor;

namespace XenActors.Runtime.Tests.Actor;

public sealed class ReceiveAsyncSpec : TestKit.TestKit
{
    private sealed class AsyncWorker : ReceiveActor
    {
        public AsyncWorker(IActorRef probe)
        {
            ReceiveAsync<TaskCompletionSource<int>>(async gate =>
            {
                var sender = Sender;
                var value = await gate.Task;
                // After the await we are back inside the actor: Self and Sender still hold.
                sender.Tell(("done", value, Self.Path.Name));
            });
            ReceiveAsync<string>(s => s == "fail", async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async boom");
            });
            Receive<int>(i => probe.Tell(i));
        }

        protected override void PreStart() => Context.Parent.Tell("started");
    }

    [Fact]
    public void Must_hold_later_messages_until_the_async_handler_completes()
    {
        var worker = Sys.ActorOf(Props.Create(() => new AsyncWorker(TestActor)), "worker");
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Tell(gate, TestActor);
        worker.Tell(1, TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // 1 waits behind the pending handler
        gate.SetResult(41);
        ExpectMsg(("done", 41, "worker"));
        ExpectMsg(1);
    }

    [Fact]
    public void Must_treat_a_faulted_async_handler_as_a_failure()
    {
        var worker = Sys.ActorOf(Props.Create(() => new AsyncWorker(TestActor)));
        EventFilter.Exception<InvalidOperationException>("async boom").ExpectOne(() => worker.Tell("fail", TestActor));
        worker.Tell(5, TestActor);
        ExpectMsg(5); // restarted and still serving
    }
}
