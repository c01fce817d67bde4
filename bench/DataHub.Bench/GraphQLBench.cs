using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using DataHub.Api;
using DataHub.Api.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataHub.Bench;

/// <summary>
/// The cost of the GraphQL surface against REST's equivalent (application-core issue): the hub in process
/// (WebApplicationFactory's test server, Release build, demo data on SQLite), one caller (PV26, Reader), requests one
/// after another after a warm-up, each surface alone and then the two taking turns. Per request: median and p90 latency, and bytes allocated by the whole process
/// (<c>GC.GetTotalAllocatedBytes(precise)</c> over all requests divided by their number, so the test client's own
/// allocations are in both columns alike).
///   dotnet run -c Release --project bench/DataHub.Bench -- graphql [--requests 2000] [--no-answer-cache]
/// </summary>
public static class GraphQLBench
{
    private const string Key = "benchmark-signing-key-0123456789abcdefghij";

    private static readonly (string What, string RestUrl, string Query)[] Pairs =
    [
        ("developments, 20 with their energy areas", "/api/v1/developments?limit=20",
            "{ developments(first: 20) { nodes { name energyAreas { name } } } }"),
        ("bottlenecks, expected scenario", "/api/v1/bottlenecks?scenario=expected",
            "{ bottlenecks(scenario: \"expected\") { ruleSet numberReturned items { area { id operator shortCode } direction scenario firstYear shortfall { year shortfallMw } causedBy works { projectName description completionYear inTime } } } }"),
    ];

    public static async Task<int> RunAsync(int requests, string root, bool answerCache)
    {
        // The test host looks for the hub's content root beside the solution; this names it.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DATAHUB_API", Path.Combine(root, "src", "DataHub.Api"));
        var dir = Directory.CreateTempSubdirectory("datahub-graphql-bench-");
        try
        {
            await using var factory = new WebApplicationFactory<DataHubOptions>().WithWebHostBuilder(b => // any type of the hub's assembly names its entry point
            {
                b.UseEnvironment("Production");
                b.UseSetting("DataHub:Database:Provider", "Sqlite");
                b.UseSetting("DataHub:Database:ConnectionString", $"Data Source={Path.Combine(dir.FullName, "bench.db")}");
                b.UseSetting("DataHub:Demo:Seed", "true");
                b.UseSetting("DataHub:Auth:LocalIssuer:Enabled", "true");
                b.UseSetting("DataHub:Auth:LocalIssuer:SigningKey", Key);
                b.UseSetting("DataHub:RateLimit:BucketSize", "100000000");
                b.UseSetting("DataHub:RateLimit:TokensPerPeriod", "100000000");
                b.UseSetting("Logging:LogLevel:Default", "Warning");
                if (!answerCache) b.UseSetting("DataHub:Limits:AnswerCacheMegabytes", "0"); // REST's list answered from the database every time, as GraphQL's is
            });
            var http = factory.CreateClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                Authentication.MintToken(new LocalIssuerOptions { SigningKey = Key }, "PV26", [Roles.Reader]));
            Console.WriteLine($"GraphQL against REST, in process, PV26 (Reader), demo data on SQLite, REST's answer cache {(answerCache ? "on" : "off")}, {requests:N0} requests each after {requests / 10:N0} to warm up");
            Console.WriteLine("| read | surface | median ms | p90 ms | median ms, taking turns | allocated KB/request | response bytes |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (what, rest, graphQL) in Pairs)
            {
                Func<HttpRequestMessage> restRequest = () => new HttpRequestMessage(HttpMethod.Get, rest);
                Func<HttpRequestMessage> graphQLRequest = () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/graphql")
                {
                    Content = new StringContent($$"""{"query":{{System.Text.Json.JsonSerializer.Serialize(graphQL)}}}""", Encoding.UTF8, "application/json"),
                };
                var r = await AloneAsync(http, requests, restRequest);
                var g = await AloneAsync(http, requests, graphQLRequest);
                var (rTurns, gTurns) = await TakingTurnsAsync(http, requests, restRequest, graphQLRequest);
                Console.WriteLine($"| {what} | REST | {r.Median:0.00} | {r.P90:0.00} | {rTurns:0.00} | {r.AllocatedKb:N0} | {r.Bytes:N0} |");
                Console.WriteLine($"| {what} | GraphQL | {g.Median:0.00} | {g.P90:0.00} | {gTurns:0.00} | {g.AllocatedKb:N0} | {g.Bytes:N0} |");
                Console.WriteLine($"| {what} | GraphQL ÷ REST | {g.Median / r.Median:0.00} | {g.P90 / r.P90:0.00} | {gTurns / rTurns:0.00} | {g.AllocatedKb / r.AllocatedKb:0.00} | |");
            }
            return 0;
        }
        finally { dir.Delete(true); }
    }

    /// <summary>One surface alone after a warm-up: latency, and bytes allocated per request by the whole process.</summary>
    private static async Task<(double Median, double P90, double AllocatedKb, int Bytes)> AloneAsync(HttpClient http, int requests, Func<HttpRequestMessage> request)
    {
        var bytes = 0;
        for (var i = 0; i < requests / 10; i++) bytes = await SendAsync(http, request());
        GC.Collect();
        var times = new double[requests];
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            var timer = Stopwatch.StartNew();
            await SendAsync(http, request());
            times[i] = timer.Elapsed.TotalMilliseconds;
        }
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return (Median(times), times[requests * 9 / 10], allocated / 1024.0 / requests, bytes);
    }

    /// <summary>
    /// The median latency of each surface when the two take turns request by request: a drift of the machine falls on
    /// both alike, but so does the cost of switching between two kinds of request (the embedded database's page cache
    /// holds one request's pages, and every read's audit commit invalidates it).
    /// </summary>
    private static async Task<(double OfRest, double OfGraphQL)> TakingTurnsAsync(HttpClient http, int requests, Func<HttpRequestMessage> rest, Func<HttpRequestMessage> graphQL)
    {
        var restTimes = new double[requests];
        var graphQLTimes = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var timer = Stopwatch.StartNew();
            await SendAsync(http, rest());
            restTimes[i] = timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            await SendAsync(http, graphQL());
            graphQLTimes[i] = timer.Elapsed.TotalMilliseconds;
        }
        return (Median(restTimes), Median(graphQLTimes));
    }

    private static double Median(double[] times)
    {
        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static async Task<int> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode || body.AsSpan().IndexOf("\"errors\""u8) >= 0)
            throw new InvalidOperationException($"{request.RequestUri}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)[..Math.Min(400, body.Length)]}");
        return body.Length;
    }
}
