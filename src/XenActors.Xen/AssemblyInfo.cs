namespace XenActors.Xen;
