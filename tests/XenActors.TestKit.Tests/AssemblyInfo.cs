namespace XenActors.TestKit.Tests;
