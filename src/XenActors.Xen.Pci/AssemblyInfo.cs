namespace XenActors.Xen.Pci;
