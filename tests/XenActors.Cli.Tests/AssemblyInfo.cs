namespace XenActors.Cli.Tests;
