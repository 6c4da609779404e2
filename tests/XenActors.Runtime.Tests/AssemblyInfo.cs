namespace XenActors.Runtime.Tests;
