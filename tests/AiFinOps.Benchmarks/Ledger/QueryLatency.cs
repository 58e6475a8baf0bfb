using System.Diagnostics;
using System.Net.Http.Headers;

namespace AiFinOps.Benchmarks.Ledger;

/// <summary>Latency of one REST query over HTTP, after a warm-up: p50, p99 and max of sequential requests.</summary>
public sealed record LatencyFigures(string Query, int Requests, double P50Ms, double P99Ms, double MaxMs, int ResponseBytes);

public static class QueryLatency
{
    public static async Task<LatencyFigures> MeasureAsync(Uri service, string key, string pathAndQuery, int requests, int warmUp = 10)
    {
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var bytes = 0;
        for (var i = 0; i < warmUp; i++) bytes = (await GetAsync(http, pathAndQuery)).Length;

        var timings = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await GetAsync(http, pathAndQuery);
            timings[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(timings);
        return new LatencyFigures(pathAndQuery, requests, Percentile(timings, 0.50), Percentile(timings, 0.99), timings[^1], bytes);
    }

    private static async Task<byte[]> GetAsync(HttpClient http, string pathAndQuery)
    {
        using var response = await http.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {pathAndQuery} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }

    /// <summary>Nearest-rank percentile of sorted timings.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
