namespace XenActors.Hosting.Tests;
