namespace XenActors.Xen.Store.Tests;
