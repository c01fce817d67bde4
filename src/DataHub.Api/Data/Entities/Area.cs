using NetTopologySuite.Geometries;

namespace DataHub.Api.Data;

/// <summary>A CBS area with its simplified boundary. Stored so that the database is self-describing and
/// spatial SQL (PostGIS) can join on it; the in-process <c>AreaCatalogue</c> is what derivation uses.</summary>
public sealed class Area : ISpatialRow
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? ProvinceCode { get; set; }
    public string? ResRegionCode { get; set; }
    public required Geometry Geometry { get; set; }
    public double MinX { get; set; }
    public double MinY { get; set; }
    public double MaxX { get; set; }
    public double MaxY { get; set; }
}

public sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> e)
    {
        e.ToTable("areas");
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(16);
        e.HasIndex(x => x.Kind);
    }
}
