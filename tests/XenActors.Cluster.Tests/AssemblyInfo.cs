namespace XenActors.Cluster.Tests;
