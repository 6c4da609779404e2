namespace XenActors.Xen.Store;
