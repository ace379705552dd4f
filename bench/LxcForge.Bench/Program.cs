using LxcForge.Bench.Deploy;

// One benchmark per mode, each in its own folder; see bench/README.md. Each ends with one key=value line for scripts.
return args.FirstOrDefault() switch
{
    "deploy" => await DeployBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/LxcForge.Bench -- <mode> [options]");
    Console.Error.WriteLine("modes:");
    Console.Error.WriteLine("  deploy [--speed 10]");
    Console.Error.WriteLine("          the seed's fleet on the simulator's seed profile: makespan of LxcForge vs the seed's method vs the lower bound,");
    Console.Error.WriteLine("          no-op re-run time, plan time for 1,000 services against 1,000 containers");
    return 2;
}
