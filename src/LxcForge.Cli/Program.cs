using LxcForge.Cli;

return await CliApp.RunAsync(args);
