namespace XenActors.Xen.Pci.Tests;
