using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.SharingAgreements;

/// <summary>A sharing agreement as submitted (schemas/sharing-agreement.schema.json).</summary>
public sealed record SharingAgreementRequest(
    IReadOnlyList<AgreementJson.Recipient> Recipients, AgreementScope Scope, string Level, string Purpose,
    DateOnly ValidFrom, DateOnly? ValidTo, string Status);

public sealed record SharingAgreementResponse(
    Guid Id, string Owner, IReadOnlyList<AgreementJson.Recipient> Recipients, AgreementScope Scope, string Level, string Purpose,
    DateOnly ValidFrom, DateOnly? ValidTo, string Status, bool InForce, int RecordVersion, DateTime CreatedAt, DateTime UpdatedAt,
    AgreementGrants? Grants = null);

/// <summary>How many of the owner's current records, by visibility.</summary>
public sealed record AgreementGrantCounts(int Shared, int Confidential);

/// <summary>
/// What an agreement grants at the moment of the answer: the owner's records it opens in detail and those it lets count
/// in aggregates, per visibility, and warnings where it opens less than its level promises.
/// </summary>
public sealed record AgreementGrants(AgreementGrantCounts Detail, AgreementGrantCounts Aggregate, IReadOnlyList<string> Warnings);

public sealed record SharingAgreementList(IReadOnlyList<SharingAgreementResponse> Items, int NumberReturned);

public static class SharingAgreementStatuses
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Revoked = "revoked";
    public static readonly string[] All = [Draft, Active, Revoked];
}

/// <summary>Reading an agreement document, showing a stored one, and who it belongs to: pure, for every surface.</summary>
public static class SharingAgreementContracts
{
    public static bool IsOwner(SharingAgreementVersion a, AccessScope scope) => a.OwnerCode == scope.Organisation;

    public static bool IsRecipient(SharingAgreementVersion a, AccessScope scope) =>
        AgreementJson.Recipients(a.RecipientsJson).Any(r => r.Organisation == scope.Organisation
            || (scope.OrganisationType is not null && r.OrganisationType == scope.OrganisationType));

    public static SharingAgreementVersion ToRow(SharingAgreementRequest r, Guid id, int version, Caller caller, DateTime createdAt, DateTime now) => new()
    {
        AgreementId = id, Version = version, ValidFrom = now, OwnerCode = caller.Organisation!,
        RecipientsJson = AgreementJson.Write(r.Recipients), ScopeJson = AgreementJson.Write(r.Scope), Level = r.Level, Purpose = r.Purpose,
        PeriodStart = r.ValidFrom, PeriodEnd = r.ValidTo, Status = r.Status, ChangedBy = caller.Subject, CreatedAt = createdAt,
    };

    public static SharingAgreementRequest ToRequest(SharingAgreementVersion a) => new(
        AgreementJson.Recipients(a.RecipientsJson), AgreementJson.Scope(a.ScopeJson), a.Level, a.Purpose, a.PeriodStart, a.PeriodEnd, a.Status);

    public static SharingAgreementResponse ToResponse(SharingAgreementVersion a, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var inForce = a.ValidTo == null && a.Status == SharingAgreementStatuses.Active && a.PeriodStart <= today && (a.PeriodEnd is null || a.PeriodEnd >= today);
        return new(a.AgreementId, a.OwnerCode, AgreementJson.Recipients(a.RecipientsJson), AgreementJson.Scope(a.ScopeJson), a.Level, a.Purpose,
            a.PeriodStart, a.PeriodEnd, a.Status, inForce, a.Version, a.CreatedAt, a.ValidFrom);
    }

    /// <summary>Validates an agreement body; every error with its pointer. Pure.</summary>
    public static SharingAgreementRequest? Read(JsonElement e, ErrorCollector errors, IReadOnlySet<string> organisations)
    {
        if (Operations.JsonObjectReader.Open(e, errors, "an agreement", ["recipients", "scope", "level", "purpose", "validFrom", "validTo", "status"],
            readOnly: ["owner", "id"]) is not { } agreement) return null;

        var recipients = new List<AgreementJson.Recipient>();
        if (!e.TryGetProperty("recipients", out var rs) || rs.ValueKind != JsonValueKind.Array || rs.GetArrayLength() == 0)
            errors.Add("/recipients", "required", "recipients is a non-empty array of {organisation} or {organisationType}");
        else
        {
            var i = 0;
            foreach (var r in rs.EnumerateArray())
            {
                var at = $"/recipients/{i++}";
                var org = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("organisation", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
                var type = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("organisationType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (r.ValueKind != JsonValueKind.Object || (org is null) == (type is null) || r.EnumerateObject().Count() != 1)
                    errors.Add(at, "invalidRecipient", "a recipient is {\"organisation\": code} or {\"organisationType\": type}");
                else if (org is not null && !organisations.Contains(org))
                    errors.Add(at + "/organisation", "unknownOrganisation", $"'{org}' is not a registered organisation");
                else if (type is not null && Array.IndexOf(OrganisationTypes.All, type) < 0)
                    errors.Add(at + "/organisationType", "unknownCode", $"'{type}' is not an organisation type; use one of {string.Join(", ", OrganisationTypes.All)}");
                else recipients.Add(new AgreementJson.Recipient(org, type));
            }
        }

        var scope = AgreementScope.All;
        if (e.TryGetProperty("scope", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.Object) errors.Add("/scope", "invalidType", "scope is an object {planTypes, sectors, areas, records}");
            else
            {
                foreach (var p in s.EnumerateObject().Where(p => p.Name is not ("planTypes" or "sectors" or "areas" or "records")))
                    errors.Add("/scope/" + ErrorCollector.Escape(p.Name), "unknownProperty", $"'{p.Name}' is not a scope dimension");
                string[] Codes(string name, Func<string, bool> known, string what)
                {
                    if (!s.TryGetProperty(name, out var arr) || arr.ValueKind == JsonValueKind.Null) return [];
                    if (arr.ValueKind != JsonValueKind.Array) { errors.Add($"/scope/{name}", "invalidType", $"{name} is an array"); return []; }
                    var list = new List<string>();
                    var i = 0;
                    foreach (var v in arr.EnumerateArray())
                    {
                        if (v.ValueKind != JsonValueKind.String || !known(v.GetString()!)) errors.Add($"/scope/{name}/{i}", "unknownCode", $"not a known {what}");
                        else list.Add(v.GetString()!);
                        i++;
                    }
                    return [.. list.Distinct()];
                }
                var planTypes = Codes("planTypes", c => CodeLists.IsKnown(CodeLists.PlanTypes, c), "plan type");
                var sectors = Codes("sectors", c => CodeLists.IsKnown(CodeLists.Sectors, c), "sector");
                var areas = Codes("areas", c => AreaCatalogue.Instance.ByCode.ContainsKey(c), "area code (GM…, PV…, ES…)");
                var records = Codes("records", c => Guid.TryParse(c, out _), "development id").Select(Guid.Parse).ToArray();
                scope = new AgreementScope(planTypes, sectors, areas, records);
            }
        }

        var level = agreement.Code("level", true, AgreementLevels.All);
        var purpose = agreement.String("purpose", true, 500);
        var validFrom = agreement.Date("validFrom", true);
        var validTo = agreement.Date("validTo", false);
        if (validFrom is not null && validTo is not null && validTo < validFrom)
            errors.Add("/validTo", "invalidRange", "validTo is before validFrom");
        var status = agreement.Code("status", false, SharingAgreementStatuses.All) ?? SharingAgreementStatuses.Draft;
        return errors.HasErrors ? null : new SharingAgreementRequest(recipients, scope, level!, purpose!, validFrom!.Value, validTo, status);
    }
}
