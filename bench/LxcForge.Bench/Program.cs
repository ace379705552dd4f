using LxcForge.Bench.Deploy;
using LxcForge.Bench.SimApi;

// One benchmark per mode, each in its own folder; see bench/README.md. Each ends with one key=value line for scripts.
return args.FirstOrDefault() switch
{
    "deploy" => await DeployBenchmark.RunAsync(args[1..]),
    "sim-api" => await SimApiBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/LxcForge.Bench -- <mode> [options]");
    Console.Error.WriteLine("modes:");
    Console.Error.WriteLine("  deploy [--speed 10]");
    Console.Error.WriteLine(
        "          the default fleet on the simulator's default profile: makespan of LxcForge vs the original scripts' method vs the lower bound,"
    );
    Console.Error.WriteLine("          no-op re-run time, plan time for 1,000 services against 1,000 containers");
    Console.Error.WriteLine("  sim-api [--containers 1000] [--nodes 3] [--seconds 5] [--concurrency 16]");
    Console.Error.WriteLine("          requests/s of the simulator's REST API over HTTPS on loopback, and resident memory");
    return 2;
}
