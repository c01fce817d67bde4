using DataHub.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataHub.IntegrationTests;

/// <summary>
/// Role gates are authorization policies on the REST routes: a caller without the role is refused with the gate's
/// problem (401 without a token, 403 without the role) before its body is read, so a broken body cannot turn a
/// refusal into a 400, and nothing is stored. Every gated route is found from the routing table, not listed by hand.
/// </summary>
public abstract class RoleGateTests(Hub hub)
{
    /// <summary>(method, path with its route values filled, the gate) of every route that requires one.</summary>
    private List<(string Method, string Path, RoleGate Gate)> GatedRoutes()
    {
        var routes = new List<(string, string, RoleGate)>();
        foreach (var e in hub.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var policy = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
            if (policy is null) continue;
            var gate = RoleGates.All.Single(g => g.Name == policy);
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), "\\{(\\w+)(:[^}]*)?\\}",
                m => m.Groups[1].Value switch { "criterion" => "A", "province" => "PV26", _ => Guid.NewGuid().ToString() });
            foreach (var method in e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods) routes.Add((method, path, gate));
        }
        return routes;
    }

    private static HttpRequestMessage Broken(string method, string path) => new(new HttpMethod(method), path)
    {
        // Not JSON at all: read, it would be a 400.
        Content = method is "GET" or "DELETE" ? null : new StringContent("{ this is not json", Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task Every_gated_route_answers_an_anonymous_caller_401_with_the_gates_reason_before_reading_the_body()
    {
        var before = await StoreCounts.Of(hub);
        var routes = GatedRoutes();
        Assert.True(routes.Count >= 30, $"only {routes.Count} gated routes");
        foreach (var (method, path, gate) in routes)
        {
            var problem = await (await hub.Client().SendAsync(Broken(method, path))).Problem(HttpStatusCode.Unauthorized);
            Assert.Equal(gate.SignIn, problem["detail"]!.GetValue<string>());
        }
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task A_signed_in_caller_without_the_role_gets_403_with_the_gates_reason_before_reading_the_body()
    {
        var before = await StoreCounts.Of(hub);
        var reader = hub.Client("GM0321", "Reader"); // a municipality's Reader passes only the SignedIn gate
        var refused = 0;
        foreach (var (method, path, gate) in GatedRoutes().Where(r => r.Gate != RoleGates.SignedIn))
        {
            var problem = await (await reader.SendAsync(Broken(method, path))).Problem(HttpStatusCode.Forbidden);
            Assert.Equal(gate.Refusal, problem["detail"]!.GetValue<string>());
            refused++;
        }
        Assert.True(refused >= 15, $"only {refused} routes refused a Reader");
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task A_grid_gate_looks_at_the_organisation_type_as_well_as_the_role()
    {
        // A municipality's Submitter has the role but is no grid operator; a grid operator's Submitter passes the gate (and then meets the body's checks).
        var body = new StringContent("""{"energy_areas":[]}""", Encoding.UTF8, "application/json");
        var municipality = await (await hub.Client("GM0321", "Submitter").PostAsync("/api/v1/capacity-map-imports", body)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(RoleGates.GridSubmitter.Refusal, municipality["detail"]!.GetValue<string>());
        var operatorAnswer = await hub.Client("STEDIN", "Submitter").PostAsync("/api/v1/capacity-map-imports",
            new StringContent("{ this is not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, operatorAnswer.StatusCode);
    }
}

public sealed class RoleGateOnSqlite(SqliteHub hub) : RoleGateTests(hub), IClassFixture<SqliteHub>;

public sealed class RoleGateOnPostgis(PostgresHub hub) : RoleGateTests(hub), IClassFixture<PostgresHub>;
