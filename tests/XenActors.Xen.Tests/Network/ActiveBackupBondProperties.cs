using FsCheck;
using FsCheck.Fluent;
using XenActors.Actor;
using XenActors.Xen.Network;

namespace XenActors.Xen.Tests.Network;

public sealed class ActiveBackupBondProperties
{
    private enum Step { EnslavePhysical, EnslaveVirtual, ReleasePhysical, ReleaseVirtual, PhysicalCarrierLost, VirtualCarrierLost, Poll }

    [Fact]
    public void Must_keep_the_physical_primary_active_whenever_its_link_is_up_and_else_any_slave_that_is_up()
    {
        var steps = ArbMap.Default.GeneratorFor<Step>().ListOf().ToArbitrary();
        Prop.ForAll(steps, script =>
        {
            var bond = new ActiveBackupBond("00:16:3e:00:00:01");
            foreach (var step in script)
            {
                _ = step switch
                {
                    Step.EnslavePhysical => bond.Enslave(NicPath.Physical, ActorRefs.Nobody, miiUp: false),
                    Step.EnslaveVirtual => bond.Enslave(NicPath.Virtual, ActorRefs.Nobody, miiUp: true),
                    Step.ReleasePhysical => bond.Release(NicPath.Physical),
                    Step.ReleaseVirtual => bond.Release(NicPath.Virtual),
                    Step.PhysicalCarrierLost => Lose(bond, NicPath.Physical),
                    Step.VirtualCarrierLost => Lose(bond, NicPath.Virtual),
                    _ => bond.Poll(),
                };

                var up = bond.Slaves.Where(s => s.MiiUp).Select(s => s.Path).ToHashSet();
                var expected = up.Contains(NicPath.Physical) ? NicPath.Physical : up.Contains(NicPath.Virtual) ? NicPath.Virtual : (NicPath?)null;
                if (bond.Active != expected)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static NicPath? Lose(ActiveBackupBond bond, NicPath path)
    {
        bond.CarrierChanged(path, carrier: false);
        return bond.Active; // nothing changes until the MII monitor polls
    }
}
