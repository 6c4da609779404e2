namespace XenActors.TestKit;
