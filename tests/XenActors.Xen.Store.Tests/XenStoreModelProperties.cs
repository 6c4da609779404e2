using FsCheck;
using FsCheck.Fluent;

namespace XenActors.Xen.Store.Tests;

/// <summary>
/// Random operation sequences from two dom0 clients, with interleaved transactions, checked
/// against <see cref="ReferenceModel"/>: every non-transactional result matches; a committed
/// transaction behaves as if all its operations ran atomically at commit and saw what they saw;
/// a transaction that would have seen something else at commit must fail with EAGAIN and leave
/// nothing behind (xenstored transactions are not snapshots from the start: conflicts are
/// detected at commit, per node, by generation).
/// </summary>
public class XenStoreModelProperties
{
    private static readonly Gen<string> Paths =
        from depth in Gen.Choose(1, 3)
        from parts in Gen.Elements("a", "b", "c").ArrayOf(depth)
        select "/" + string.Join("/", parts);

    private static readonly Gen<StoreOp> Ops =
        from client in Gen.Choose(0, 1)
        from kind in Gen.Frequency(
            (5, Gen.Constant(OpKind.Write)), (2, Gen.Constant(OpKind.Mkdir)), (2, Gen.Constant(OpKind.Rm)),
            (4, Gen.Constant(OpKind.Read)), (2, Gen.Constant(OpKind.Dir)), (2, Gen.Constant(OpKind.Start)),
            (2, Gen.Constant(OpKind.Commit)), (1, Gen.Constant(OpKind.Abort)))
        from path in Paths
        from value in Gen.Elements("", "v1", "v2", "xyz")
        select new StoreOp(client, kind, path, value);

    [Fact]
    public void Store_must_match_the_reference_model_for_single_client_operations()
    {
        var arb = Arb.From(Ops.Where(o => o.Kind is not (OpKind.Start or OpKind.Commit or OpKind.Abort)).ListOf());
        Prop.ForAll(arb, ops =>
        {
            var core = new XenStoreCore();
            var client = new TestClient(core, 0, privileged: true);
            var model = new ReferenceModel();
            foreach (var op in ops)
                Assert.Equal(model.Apply(op), op.RunOn(client, 0));
            AssertSameTree(model, client);
            Assert.Null(core.CheckConsistency());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Store_must_serialize_interleaved_transactions_like_the_reference_model()
    {
        var totalConflicts = 0;
        Prop.ForAll(Arb.From(Ops.ListOf()), ops =>
        {
            var core = new XenStoreCore();
            TestClient[] clients = [new(core, 0, true), new(core, 0, true)];
            var model = new ReferenceModel();
            var open = new TxState?[2];
            var conflicts = 0;

            foreach (var op in ops)
            {
                var c = clients[op.Client];
                var state = open[op.Client];
                switch (op.Kind)
                {
                    case OpKind.Start when state is null:
                        open[op.Client] = new TxState(c.Start());
                        break;
                    case OpKind.Start:
                        break;
                    case OpKind.Commit or OpKind.Abort when state is null:
                        break;
                    case OpKind.Abort:
                        Assert.Equal(Xen.Store.Wire.XsdError.None, c.End(state!.Id, commit: false));
                        open[op.Client] = null;
                        break;
                    case OpKind.Commit:
                    {
                        var result = c.End(state!.Id);
                        open[op.Client] = null;
                        var replay = model.Clone();
                        var consistent = state.Log.All(e => replay.Apply(e.Op) == e.Result);
                        if (result == Xen.Store.Wire.XsdError.None)
                        {
                            Assert.True(consistent, "a transaction committed although what it saw no longer holds");
                            foreach (var (k, v) in replay.Nodes)
                                model.Nodes[k] = v;
                            foreach (var k in model.Nodes.Keys.Except(replay.Nodes.Keys).ToList())
                                model.Nodes.Remove(k);
                        }
                        else
                        {
                            Assert.Equal(Xen.Store.Wire.XsdError.EAGAIN, result);
                            conflicts++;
                        }
                        break;
                    }
                    default:
                        if (state is null)
                        {
                            Assert.Equal(model.Apply(op), op.RunOn(c, 0));
                        }
                        else
                        {
                            var seen = op.RunOn(c, state.Id);
                            state.Log.Add((op, seen));
                        }
                        break;
                }
            }
            AssertSameTree(model, clients[0]);
            Assert.Null(core.CheckConsistency());
            totalConflicts += conflicts;
        }).QuickCheckThrowOnFailure();

        // The generator must actually exercise the conflict path, or the property proves little.
        Assert.True(totalConflicts > 0, "no run produced a conflicting commit");
    }

    private static void AssertSameTree(ReferenceModel model, TestClient client)
    {
        var actual = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(client, "/", actual);
        Assert.Equal(model.Nodes.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    private static void Walk(TestClient client, string path, Dictionary<string, string> into)
    {
        into[path] = client.Read(path);
        foreach (var child in client.Directory(path))
            Walk(client, path == "/" ? "/" + child : path + "/" + child, into);
    }

    private sealed record TxState(uint Id)
    {
        public List<(StoreOp Op, string Result)> Log { get; } = [];
    }
}
