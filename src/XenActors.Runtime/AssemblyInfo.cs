namespace XenActors.Runtime;
