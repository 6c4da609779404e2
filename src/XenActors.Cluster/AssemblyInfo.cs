namespace XenActors.Cluster;
