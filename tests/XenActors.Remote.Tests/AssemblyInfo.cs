namespace XenActors.Remote.Tests;
