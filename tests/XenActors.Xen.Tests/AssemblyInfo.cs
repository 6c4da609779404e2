namespace XenActors.Xen.Tests;
