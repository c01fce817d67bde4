using System.Text.Json;
using DataHub.Api.Features.Grid;
using DataHub.Api.Features.Programme;
using DataHub.Api.Http;
using DataHub.Api.Spatial;

namespace DataHub.UnitTests;

/// <summary>The features' pure body readers read text with the one JSON object reader: each fault its own code, at its pointer.</summary>
public sealed class ContractReaderTests
{
    private static (T? Value, List<(string Pointer, string Code)> Errors) Read<T>(string json, Func<JsonElement, ErrorCollector, T?> read)
    {
        var errors = new ErrorCollector();
        using var doc = JsonDocument.Parse(json);
        var value = read(doc.RootElement, errors);
        return (value, [.. errors.Errors.Select(e => (e.Pointer, e.Code))]);
    }

    [Fact]
    public void A_station_tells_a_missing_a_mistyped_and_a_too_long_text_apart()
    {
        var longName = new string('x', 201);
        var (station, errors) = Read($$$"""
            {"type":"Feature","geometry":{"type":"Point","coordinates":[5.1,52.1]},"properties":{"name":"{{{longName}}}","energyAreaShortCode":7,"voltagesKv":[150]}}
            """, (e, c) => StationReader.Read(e, Crs.Crs84, c, "/features/3"));
        Assert.Null(station);
        Assert.Equal([("/features/3/properties/code", "required"), ("/features/3/properties/energyAreaShortCode", "invalidType"), ("/features/3/properties/name", "tooLong")],
            errors.Order().ToList());
    }

    [Fact]
    public void A_station_with_extra_properties_reads_whole()
    {
        var (station, errors) = Read("""
            {"type":"Feature","geometry":{"type":"Point","coordinates":[5.1,52.1]},"properties":{"code":" OS1 ","name":"Utrecht","voltagesKv":[20,150],"colour":"red"}}
            """, (e, c) => StationReader.Read(e, Crs.Crs84, c, ""));
        Assert.Empty(errors);
        Assert.Equal("OS1", station!.Code);
        Assert.Equal([150, 20], station.VoltagesKv);
    }

    [Fact]
    public void A_programme_cycle_reports_read_only_unknown_too_long_and_coded_faults_each_with_its_code()
    {
        var (cycle, errors) = Read($$"""
            {"code":"pmiek 3","name":"{{new string('n', 201)}}","year":2019,"scope":"PV99","status":"open","colour":"red"}
            """, ProgrammeCycleContracts.Read);
        Assert.Null(cycle);
        Assert.Equal([("/code", "invalidFormat"), ("/colour", "unknownProperty"), ("/name", "tooLong"), ("/scope", "unknownCode"), ("/status", "readOnly"), ("/year", "outOfRange")],
            errors.Order().ToList());
    }
}
