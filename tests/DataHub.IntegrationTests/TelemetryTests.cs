using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace DataHub.IntegrationTests;

/// <summary>
/// The hub's own metrics (import and analysis-model timings) are recorded, and with an OTLP endpoint configured the
/// OpenTelemetry metrics and traces are on (off otherwise).
/// </summary>
public sealed class TelemetryTests(TelemetryTests.TelemetryHub hub) : IClassFixture<TelemetryTests.TelemetryHub>
{
    public sealed class TelemetryHub : Hub
    {
        public override Database Database => Database.Sqlite;
        // Nothing listens there: the exporter must not disturb the hub.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataHub:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9" };
    }

    [Fact]
    public async Task An_import_and_an_analysis_model_build_record_their_timings()
    {
        var recorded = new List<(string Instrument, double Value, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == DataHub.Api.Http.Telemetry.Name) l.EnableMeasurementEvents(instrument); };
        void Record(Instrument i, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? tag = null;
            foreach (var t in tags) tag = t.Value?.ToString();
            lock (recorded) recorded.Add((i.Name, value, tag));
        }
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        var client = hub.Client("GM0344");
        var import = await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Collection([Point(Id()), Point(Id()), Point(Id())])));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/bottlenecks")).StatusCode);
        listener.RecordObservableInstruments();

        lock (recorded)
        {
            Assert.Contains(recorded, r => r.Instrument == "datahub.import.duration" && r.Value > 0 && r.Tag == "geojson");
            Assert.Contains(recorded, r => r.Instrument == "datahub.import.features" && r.Value == 3);
            Assert.Contains(recorded, r => r.Instrument == "datahub.analysis_model.duration" && r.Tag is "full" or "incremental");
        }
    }

    [Fact]
    public void With_an_endpoint_OpenTelemetry_is_on() => Assert.NotNull(hub.Factory.Services.GetService<MeterProvider>());

    [Fact]
    public async Task Without_an_endpoint_OpenTelemetry_is_off()
    {
        var plain = new SqliteHub();
        await plain.InitializeAsync();
        try
        {
            Assert.Null(plain.Factory.Services.GetService<MeterProvider>());
        }
        finally
        {
            await plain.DisposeAsync();
        }
    }
}
