using LxcForge.Bench.SimApi;

// One benchmark per mode; see bench/README.md. Each ends with one key=value line for scripts.
return args.FirstOrDefault() switch
{
    "sim-api" => await SimApiBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/LxcForge.Bench -- <mode> [options]");
    Console.Error.WriteLine("modes:");
    Console.Error.WriteLine("  sim-api [--containers 1000] [--nodes 3] [--seconds 5] [--concurrency 16]");
    Console.Error.WriteLine("          requests/s of the simulator's REST API over HTTPS on loopback, and resident memory");
    return 2;
}
