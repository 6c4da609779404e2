namespace XenActors.Benchmarks;
