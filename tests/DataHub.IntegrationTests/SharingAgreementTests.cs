using DataHub.Api;
using DataHub.Api.Access;

namespace DataHub.IntegrationTests;

/// <summary>Sharing agreements, role demotion, tokens and the audit trail, over HTTP on both databases.</summary>
public abstract class SharingAgreementTests(Hub hub)
{
    private static JsonObject Agreement(JsonArray recipients, string level = "detail", JsonObject? scope = null, string status = "active") => new()
    {
        ["recipients"] = recipients,
        ["scope"] = scope ?? new JsonObject { ["planTypes"] = new JsonArray("woonagenda") },
        ["level"] = level, ["purpose"] = "pMIEK 2027", ["validFrom"] = "2026-01-01", ["validTo"] = "2027-12-31", ["status"] = status,
    };

    [Fact]
    public async Task The_issue_example_body_is_accepted_and_shows_shared_records_to_every_province()
    {
        const string owner = "GM0307"; // Amersfoort
        var admin = hub.Client(owner, "Submitter", "OrgAdmin");
        var ext = Id();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext, 5.39, 52.155, p => p["visibility"] = "shared")))).StatusCode);
        var province = hub.Client("PV30", "Reader"); // Noord-Brabant: a province, not named by code
        var municipality = hub.Client("GM0344", "Reader");
        async Task<int> Count(HttpClient c) => (await (await c.GetAsync($"/api/v1/developments?externalId={ext}")).Body())["numberMatched"]!.GetValue<int>();
        Assert.Equal(0, await Count(province));

        var body = JsonNode.Parse("""{"recipients": [{"organisation": "PV26"}, {"organisationType": "provincie"}], "scope": {"planTypes": ["woonagenda"], "areas": ["GM0307"]}, "level": "detail", "purpose": "pMIEK 2027", "validFrom": "2026-01-01", "validTo": "2027-12-31", "status": "active"}""")!;
        var created = await admin.PostAsync("/api/v1/sharing-agreements", Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agreement = await created.Body();
        Assert.Equal(owner, agreement["owner"]!.GetValue<string>());
        Assert.True(agreement["inForce"]!.GetValue<bool>());
        var id = agreement["id"]!.GetValue<string>();

        Assert.Equal(1, await Count(province));
        Assert.Equal(0, await Count(municipality));
        // Recipients read the agreement; others do not know it exists.
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync($"/api/v1/sharing-agreements/{id}")).StatusCode);
        await (await municipality.GetAsync($"/api/v1/sharing-agreements/{id}")).Problem(HttpStatusCode.NotFound);
        var received = await (await province.GetAsync("/api/v1/sharing-agreements?role=recipient")).Body();
        Assert.Contains(received["items"]!.AsArray(), a => a!["id"]!.GetValue<string>() == id);

        // Revoking takes effect on the next request.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Send(HttpMethod.Delete, $"/api/v1/sharing-agreements/{id}", null, "\"1\"")).StatusCode);
        Assert.Equal(0, await Count(province));
        var versions = await (await admin.GetAsync($"/api/v1/sharing-agreements/{id}/versions")).Body();
        Assert.Equal(["active", "revoked"], versions["items"]!.AsArray().Select(v => v!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_the_owners_OrgAdmin_signs_changes_or_revokes()
    {
        var before = await StoreCounts.Of(hub);
        foreach (var role in new[] { "Reader", "Submitter", "ProgrammeCoordinator", "NationalIngest" })
            await (await hub.Client("GM0344", role).PostAsync("/api/v1/sharing-agreements", Json(Agreement(new JsonArray(new JsonObject { ["organisation"] = "PV26" })))))
                .Problem(HttpStatusCode.Forbidden);
        await (await hub.Client().PostAsync("/api/v1/sharing-agreements", Json(Agreement(new JsonArray(new JsonObject { ["organisation"] = "PV26" })))))
            .Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await StoreCounts.Of(hub));

        var mine = await (await hub.Client("GM0344", "OrgAdmin").PostAsync("/api/v1/sharing-agreements",
            Json(Agreement(new JsonArray(new JsonObject { ["organisation"] = "GM0355" }))))).Body();
        var id = mine["id"]!.GetValue<string>();
        // Another organisation's OrgAdmin that is a recipient may read it but not change it (ID swapping).
        var recipientAdmin = hub.Client("GM0355", "OrgAdmin");
        await (await recipientAdmin.Send(HttpMethod.Put, $"/api/v1/sharing-agreements/{id}", Json(Agreement(new JsonArray(new JsonObject { ["organisation"] = "GM0355" }))), "\"1\"")).Problem(HttpStatusCode.Forbidden);
        await (await recipientAdmin.Send(HttpMethod.Delete, $"/api/v1/sharing-agreements/{id}", null, "\"1\"")).Problem(HttpStatusCode.Forbidden);
        // A stranger's OrgAdmin cannot even tell it exists.
        await (await hub.Client("GM0014", "OrgAdmin").Send(HttpMethod.Delete, $"/api/v1/sharing-agreements/{id}", null, "\"1\"")).Problem(HttpStatusCode.NotFound);
        // The owner's Submitter cannot revoke it either.
        await (await hub.Client("GM0344", "Submitter").Send(HttpMethod.Delete, $"/api/v1/sharing-agreements/{id}", null, "\"1\"")).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client("GM0344", "OrgAdmin").Send(HttpMethod.Delete, $"/api/v1/sharing-agreements/{id}")).Problem(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task Every_non_admin_role_is_refused_every_admin_operation()
    {
        const string owner = "GM0356";
        var id = (await (await hub.Client(owner, "OrgAdmin").PostAsync("/api/v1/sharing-agreements",
            Json(Agreement(new JsonArray(new JsonObject { ["organisation"] = "PV26" }))))).Body())["id"]!.GetValue<string>();
        var before = await StoreCounts.Of(hub);
        foreach (var role in Roles.All.Where(r => r is not ("OrgAdmin" or "HubAdmin")))
        {
            var client = hub.Client(owner, role);
            var operations = new Func<Task<HttpResponseMessage>>[]
            {
                () => client.PostAsync("/api/v1/sharing-agreements", Json(Agreement(new JsonArray(new JsonObject { ["organisation"] = "PV26" })))),
                () => client.Send(HttpMethod.Put, $"/api/v1/sharing-agreements/{id}", Json(Agreement(new JsonArray(new JsonObject { ["organisation"] = "PV27" }))), "\"1\""),
                () => client.Send(HttpMethod.Delete, $"/api/v1/sharing-agreements/{id}", null, "\"1\""),
                () => client.GetAsync("/api/v1/audit-events"),
            };
            foreach (var operation in operations)
                await (await operation()).Problem(HttpStatusCode.Forbidden);
        }
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task A_bad_agreement_lists_every_error_and_stores_nothing()
    {
        var before = await StoreCounts.Of(hub);
        var bad = new JsonObject
        {
            ["owner"] = "LIANDER",
            ["recipients"] = new JsonArray(new JsonObject { ["organisation"] = "NOBODY" }, new JsonObject { ["organisationType"] = "company" }, new JsonObject()),
            ["scope"] = new JsonObject { ["planTypes"] = new JsonArray("XYZ"), ["areas"] = new JsonArray("GM9999"), ["records"] = new JsonArray(Guid.NewGuid().ToString()) },
            ["level"] = "everything", ["validFrom"] = "2027-01-01", ["validTo"] = "2026-01-01", ["status"] = "maybe",
        };
        var problem = await (await hub.Client("GM0344", "OrgAdmin").PostAsync("/api/v1/sharing-agreements", Json(bad))).Problem(HttpStatusCode.BadRequest);
        var pointers = problem.Errors().Select(e => e["pointer"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "/owner", "/recipients/0/organisation", "/recipients/1/organisationType", "/recipients/2", "/scope/planTypes/0", "/scope/areas/0",
            "/level", "/purpose", "/validTo", "/status",
        }, pointers);
        Assert.Equal(before, await StoreCounts.Of(hub));

        // A named record must be the owner's own.
        var foreign = (await (await hub.Client("GM0355").PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.23, 52.09)))).Body())["id"]!.GetValue<string>();
        var named = Agreement(new JsonArray(new JsonObject { ["organisation"] = "PV26" }), scope: new JsonObject { ["records"] = new JsonArray(foreign) });
        var p2 = await (await hub.Client("GM0344", "OrgAdmin").PostAsync("/api/v1/sharing-agreements", Json(named))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/scope/records/0", p2.Errors().Single()["pointer"]!.GetValue<string>());
    }

    [Fact]
    public async Task Forged_expired_and_wrong_audience_tokens_are_401()
    {
        var key = new LocalIssuerOptions { SigningKey = Hub.SigningKey };
        var tokens = new[]
        {
            Authentication.MintToken(new LocalIssuerOptions { SigningKey = "another-key-another-key-another-key-0123" }, "GM0344", ["Submitter"]),
            Authentication.MintToken(key, "GM0344", ["Submitter"], now: DateTime.UtcNow.AddDays(-2)),
            Authentication.MintToken(new LocalIssuerOptions { SigningKey = Hub.SigningKey, Audience = "someone-else" }, "GM0344", ["Submitter"]),
        };
        foreach (var token in tokens)
        {
            var client = hub.Client();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            await (await client.GetAsync("/api/v1/sharing-agreements")).Problem(HttpStatusCode.Unauthorized);
            await (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id())))).Problem(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task The_audit_trail_shows_an_owner_who_read_its_non_public_data_and_is_read_only()
    {
        const string owner = "GM0345"; // Veenendaal
        var admin = hub.Client(owner, "Submitter", "OrgAdmin");
        var id = (await (await admin.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.55, 52.03, p => p["visibility"] = "shared")))).Body())["id"]!.GetValue<string>();
        await admin.PostAsync("/api/v1/sharing-agreements", Json(Agreement(new JsonArray(new JsonObject { ["organisation"] = "PV26" }),
            scope: new JsonObject { ["records"] = new JsonArray(id) })));
        Assert.Equal(HttpStatusCode.OK, (await hub.Client("PV26", "Reader").GetAsync($"/api/v1/developments/{id}")).StatusCode);

        var events = (await (await admin.GetAsync("/api/v1/audit-events")).Body())["items"]!.AsArray();
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "read" && e["organisation"]!.GetValue<string>() == "PV26" && e["resourceId"]?.GetValue<string>() == id);
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "create" && e["resourceType"]!.GetValue<string>() == "sharingAgreement");
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "create" && e["resourceType"]!.GetValue<string>() == "development");
        // Other organisations' admins see none of it; readers may not look; HubAdmin sees it.
        var otherAdmin = (await (await hub.Client("GM0344", "OrgAdmin").GetAsync("/api/v1/audit-events?limit=1000")).Body())["items"]!.AsArray();
        Assert.DoesNotContain(otherAdmin, e => e!["dataOwner"]?.GetValue<string>() == owner);
        await (await hub.Client(owner, "Reader", "Submitter").GetAsync("/api/v1/audit-events")).Problem(HttpStatusCode.Forbidden);
        var all = (await (await hub.Client("KGG", "HubAdmin").GetAsync("/api/v1/audit-events?limit=1000")).Body())["items"]!.AsArray();
        Assert.Contains(all, e => e!["dataOwner"]?.GetValue<string>() == owner);
        // Paged with a filter: the next link keeps asking since the same moment, and gives the same events as one page.
        var since = Uri.EscapeDataString(all.Select(e => e!["at"]!.GetValue<DateTime>()).Order().ElementAt(all.Count / 2).ToUniversalTime().ToString("O"));
        var whole = (await (await admin.GetAsync($"/api/v1/audit-events?since={since}&limit=1000")).Body())["items"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()).ToList();
        var paged = new List<long>();
        for (var url = $"/api/v1/audit-events?since={since}&limit=2"; url is not null;)
        {
            var page = await (await admin.GetAsync(url)).Body();
            paged.AddRange(page["items"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()));
            url = page["links"]!.AsArray().SingleOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]!.GetValue<string>();
            if (url is not null) Assert.Contains($"since={since}", url);
        }
        Assert.Equal(whole, paged);
        // No write surface exists for audit events.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.PostAsync("/api/v1/audit-events", Json(new JsonObject()))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.DeleteAsync("/api/v1/audit-events")).StatusCode);
    }
}

public sealed class SharingAgreementOnSqlite(SqliteHub hub) : SharingAgreementTests(hub), IClassFixture<SqliteHub>;

public sealed class SharingAgreementOnPostgis(PostgresHub hub) : SharingAgreementTests(hub), IClassFixture<PostgresHub>;
