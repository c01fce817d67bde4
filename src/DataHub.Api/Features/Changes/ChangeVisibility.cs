using DataHub.Api.Features.SharingAgreements;

namespace DataHub.Api.Features.Changes;

/// <summary>Which change events a caller may see: the access policy applied to the version each records (the change feed, a cycle's changes since its baseline).</summary>
public static class ChangeVisibility
{
    public static readonly string[] ResourceTypes = ["development", "plan", "sharingAgreement", "energyArea", "station", "programmeCycle", "miekProject", "miekAssessment", "miekProgress", "weighingFramework"];

    /// <summary>Which events of a batch the caller may see: the access policy applied to the version each records.</summary>
    public static async Task<(HashSet<long> Visible, Dictionary<(Guid, int), DevelopmentVersion> Developments)> VisibleAsync(
        DataHubDb db, AccessScope scope, List<ChangeEvent> batch, CancellationToken ct)
    {
        var visible = new HashSet<long>();
        var developmentIds = batch.Where(e => e.ResourceType == "development").Select(e => e.ResourceId).Distinct().ToList();
        var developments = developmentIds.Count == 0 ? [] : (await db.DevelopmentVersions.AsNoTracking()
                .Where(v => developmentIds.Contains(v.DevelopmentId)).VisibleTo(scope).ToListAsync(ct))
            .ToDictionary(v => (v.DevelopmentId, v.Version));
        var agreementIds = batch.Where(e => e.ResourceType == "sharingAgreement").Select(e => e.ResourceId).Distinct().ToList();
        var agreements = agreementIds.Count == 0 || scope.Organisation is null ? [] : (await db.SharingAgreementVersions.AsNoTracking()
                .Where(a => agreementIds.Contains(a.AgreementId)).ToListAsync(ct))
            .Where(a => SharingAgreementContracts.IsOwner(a, scope) || SharingAgreementContracts.IsRecipient(a, scope))
            .Select(a => (a.AgreementId, a.Version)).ToHashSet();
        foreach (var e in batch)
        {
            var shown = e.ResourceType switch
            {
                "development" => developments.ContainsKey((e.ResourceId, e.Version)),
                "sharingAgreement" => agreements.Contains((e.ResourceId, e.Version)),
                // plans, energy areas, stations, programme cycles and weighing frameworks are public to read
                "plan" or "energyArea" or "station" or "programmeCycle" or "weighingFramework" => true,
                "miekProject" or "miekAssessment" or "miekProgress" => Programme.MiekProjectAccess.Reads(scope, e.OwnerCode),
                _ => false,
            };
            if (shown) visible.Add(e.Sequence);
        }
        return (visible, developments);
    }
}
