namespace XenActors.Hosting;
