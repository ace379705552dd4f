using System.Diagnostics;

namespace LxcForge.Bench.SimApi;

/// <summary>Sends GETs from several workers for a fixed time and counts completed 200 responses.</summary>
internal static class LoadGenerator
{
    public sealed record Result(string Name, long Requests, long Failures, TimeSpan Elapsed, long Bytes)
    {
        public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(string name, HttpClient client, Func<long, string> pathFor, int concurrency, TimeSpan duration)
    {
        long requests = 0,
            failures = 0,
            bytes = 0,
            sequence = 0;
        var clock = Stopwatch.StartNew();
        var stopAt = duration;
        async Task Worker()
        {
            // One buffer per worker: the body is read whole but not kept, so the client measures the server, not its own allocations.
            var buffer = new byte[64 * 1024];
            while (clock.Elapsed < stopAt)
            {
                var path = pathFor(Interlocked.Increment(ref sequence));
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                long length = 0;
                for (int read; (read = await body.ReadAsync(buffer)) > 0; )
                    length += read;
                Interlocked.Add(ref bytes, length);
                if (response.IsSuccessStatusCode)
                    Interlocked.Increment(ref requests);
                else
                    Interlocked.Increment(ref failures);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        return new Result(name, requests, failures, clock.Elapsed, bytes);
    }
}
