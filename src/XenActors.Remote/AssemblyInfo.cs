namespace XenActors.Remote;
