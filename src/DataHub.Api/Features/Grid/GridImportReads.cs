namespace DataHub.Api.Features.Grid;

/// <summary>What a capacity-map import did: shown to the importing operator only (it reveals what and when it delivered).</summary>
public sealed class GridImportReads(DataHubDb db)
{
    public async Task<Outcome<CapacityMapImportReport>> CapacityMapImportAsync(AccessScope scope, Guid id, CancellationToken ct)
    {
        var import = await db.CapacityMapImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.OperatorCode == scope.Organisation, ct);
        return import is null ? Problems.NotFound($"There is no capacity-map import {id}.") : ToReport(import);
    }

    public static CapacityMapImportReport ToReport(CapacityMapImport i) =>
        new(i.Id, i.OperatorCode, i.Identifier, i.ConformsTo, i.Issued, i.Created, i.Updated, i.Unchanged, i.CreatedAt);
}
