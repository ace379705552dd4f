// Benchmarks land with their issues (simulator, deploy); see bench/README.md.
Console.WriteLine("no benchmarks yet");
return 0;
