using DataHub.Api.Access;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DataHub.IntegrationTests;

/// <summary>The API's contract and conventions: OpenAPI snapshot, headers, CORS, reference data, the token command.</summary>
public sealed class ApiContractTests(ApiContractTests.CorsHub hub) : IClassFixture<ApiContractTests.CorsHub>
{
    public const string AllowedOrigin = "https://kaart.provincie-utrecht.example";
    public const string UtrechtTenant = "8f2f6c3e-0d4b-4f8e-9a51-3c7b2e1d9a44";

    public sealed class CorsHub : Hub
    {
        public override Database Database => Database.Sqlite;
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataHub:CorsAllowedOrigins:0"] = AllowedOrigin,
            // A small budget for the identity the rate-limit test uses; other tests use other identities.
            ["DataHub:RateLimit:BucketSize"] = "40",
            ["DataHub:RateLimit:TokensPerPeriod"] = "1",
            ["DataHub:RateLimit:PeriodSeconds"] = "60",
            ["DataHub:Auth:Tenants:GM0344"] = UtrechtTenant,
        };
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_without_auth_and_matches_the_committed_snapshot()
    {
        var response = await hub.Client().GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(DataHub.Api.Http.HttpPipeline.ApiVersion, served["info"]!["version"]!.GetValue<string>());
        Assert.Equal(DataHub.Api.Http.HttpPipeline.ApiVersion, response.Headers.GetValues("API-Version").Single());
        var text = Http.Pretty(served) + "\n";
        var snapshot = Repository.Path("api-docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("DATAHUB_UPDATE_SNAPSHOTS") == "1") await File.WriteAllTextAsync(snapshot, text);
        Assert.True(File.Exists(snapshot), "api-docs/openapi.json is missing; run the tests with DATAHUB_UPDATE_SNAPSHOTS=1");
        var committed = (await File.ReadAllTextAsync(snapshot)).ReplaceLineEndings("\n");
        Assert.True(committed == text,
            "api-docs/openapi.json differs from what the hub serves. If the change is intended, regenerate it: DATAHUB_UPDATE_SNAPSHOTS=1 dotnet test");
    }

    [Fact]
    public async Task Answers_are_compressed_when_the_client_asks_and_only_then()
    {
        var plain = await hub.Client().GetAsync("/api/v1/areas?kind=province&withGeometry=true");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var text = await plain.Content.ReadAsStringAsync();
        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/areas?kind=province&withGeometry=true");
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var compressed = await hub.Client().SendAsync(request);
            Assert.Equal(encoding, compressed.Content.Headers.ContentEncoding.Single());
            Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
            var bytes = await compressed.Content.ReadAsByteArrayAsync();
            await using var decoded = encoding == "br"
                ? (Stream)new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress)
                : new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            Assert.Equal(text, await new StreamReader(decoded).ReadToEndAsync());
            Assert.True(bytes.Length * 2 < System.Text.Encoding.UTF8.GetByteCount(text), $"{encoding}: {bytes.Length} of {text.Length} bytes");
        }
    }

    [Theory]
    [InlineData("/api/v1/developments")]
    [InlineData("/api/v1/developments?certainty=nonsense")]
    [InlineData("/api/v1/no-such-resource")]
    public async Task Every_response_carries_API_Version_and_the_security_headers(string url)
    {
        var response = await hub.Client().GetAsync(url);
        Assert.Equal(DataHub.Api.Http.HttpPipeline.ApiVersion, response.Headers.GetValues("API-Version").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task An_identity_over_its_budget_gets_429_with_Retry_After_and_others_are_not_affected()
    {
        var greedy = hub.Client("GM0014", "Reader");
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 60 && rejected is null; i++)
        {
            var r = await greedy.GetAsync("/api/v1/organisations/KGG");
            if (r.StatusCode == HttpStatusCode.TooManyRequests) rejected = r;
        }
        Assert.NotNull(rejected);
        await rejected.Problem(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(rejected.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client("GM0034", "Reader").GetAsync("/api/v1/organisations/KGG")).StatusCode);
    }

    [Fact]
    public async Task A_token_with_a_registered_tenant_acts_for_that_organisation_and_an_unknown_tenant_is_403()
    {
        var issuer = new DataHub.Api.LocalIssuerOptions { SigningKey = Hub.SigningKey };
        var client = hub.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Authentication.MintToken(issuer, null, ["Submitter"], tenantId: UtrechtTenant));
        var created = await client.PostAsync("/api/v1/developments", Http.GeoJson(Features.Point(Features.Id())));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("GM0344", (await created.Body())["properties"]!["owner"]!.GetValue<string>());

        var stranger = hub.Client();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", Authentication.MintToken(issuer, null, ["Reader"], tenantId: Guid.NewGuid().ToString()));
        var refused = await stranger.GetAsync("/api/v1/developments");
        var problem = await refused.Problem(HttpStatusCode.Forbidden);
        Assert.Contains("not registered", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task CORS_answers_only_allowlisted_origins()
    {
        var client = hub.Client();
        var allowed = new HttpRequestMessage(HttpMethod.Options, "/api/v1/developments");
        allowed.Headers.Add("Origin", AllowedOrigin);
        allowed.Headers.Add("Access-Control-Request-Method", "POST");
        allowed.Headers.Add("Access-Control-Request-Headers", "content-crs,authorization");
        var ok = await client.SendAsync(allowed);
        Assert.Equal(AllowedOrigin, ok.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/developments");
        other.Headers.Add("Origin", "https://evil.example");
        var denied = await client.SendAsync(other);
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task All_provinces_municipalities_RES_regions_grid_operators_and_the_ministry_are_registered()
    {
        var client = hub.Client();
        async Task<int> Count(string type) => (await (await client.GetAsync($"/api/v1/organisations?type={type}")).Body())["numberReturned"]!.GetValue<int>();
        Assert.Equal(12, await Count("provincie"));
        Assert.Equal(342, await Count("gemeente"));
        Assert.Equal(30, await Count("resRegio"));
        var operators = (await (await client.GetAsync("/api/v1/organisations?type=netbeheerder")).Body())["items"]!.AsArray().Select(o => o!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(["COTEQ", "ENEXIS", "GASUNIE", "LIANDER", "RENDO", "STEDIN", "TENNET", "WESTLANDINFRA"], operators);
        Assert.Equal("rijk", (await (await client.GetAsync("/api/v1/organisations/KGG")).Body())["type"]!.GetValue<string>());

        var utrecht = await (await client.GetAsync("/api/v1/areas?kind=municipality&province=PV26&withGeometry=false")).Body();
        Assert.Equal(26, utrecht["numberReturned"]!.GetValue<int>());
        var area = await (await client.GetAsync("/api/v1/areas/GM0344")).Body();
        Assert.Equal("Utrecht", area["properties"]!["name"]!.GetValue<string>());
        Assert.Equal("PV26", area["properties"]!["provinceCode"]!.GetValue<string>());
        Assert.Contains("CBS", area["properties"]!["attribution"]!.GetValue<string>());
        await (await client.GetAsync("/api/v1/areas?kind=county")).Problem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/organisations/NOPE")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_token_command_prints_a_token_the_hub_accepts()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataHub:Auth:LocalIssuer:Enabled"] = "true",
            ["DataHub:Auth:LocalIssuer:SigningKey"] = Hub.SigningKey,
        }).Build();
        var env = new FakeEnvironment("Development");
        var stdout = new StringWriter();
        var exit = TokenCommand.Run(["token", "--org", "GM0344", "--roles", "Submitter,Reader"], config, env, stdout, TextWriter.Null);
        Assert.Equal(0, exit);
        var token = stdout.ToString().Trim();
        Assert.DoesNotContain('\n', token);

        var client = hub.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var created = await client.PostAsync("/api/v1/developments", Http.GeoJson(Features.Point(Features.Id())));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("GM0344", (await created.Body())["properties"]!["owner"]!.GetValue<string>());

        var err = new StringWriter();
        Assert.Equal(2, TokenCommand.Run(["token", "--org", "NOT-AN-ORG"], config, env, TextWriter.Null, err));
        Assert.Contains("unknown organisation", err.ToString());
        Assert.Equal(2, TokenCommand.Run(["token", "--org", "GM0344", "--roles", "Emperor"], config, env, TextWriter.Null, err));
        // Production without an explicit opt-in has no local issuer.
        var production = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataHub:Auth:LocalIssuer:SigningKey"] = Hub.SigningKey }).Build();
        Assert.Equal(2, TokenCommand.Run(["token", "--org", "GM0344"], production, new FakeEnvironment("Production"), TextWriter.Null, err));
    }

    private sealed class FakeEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "DataHub.Api";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
