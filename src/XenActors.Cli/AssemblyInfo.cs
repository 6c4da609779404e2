namespace XenActors.Cli;
