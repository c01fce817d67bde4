using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DataHub.Api.Http;

/// <summary>
/// OpenTelemetry metrics and traces, off unless configured: with <c>DataHub:Telemetry:OtlpEndpoint</c> (or the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) set, the hub exports over OTLP
/// - ASP.NET Core's request metrics (rate and latency per route: <c>http.server.request.duration</c>) and request traces;
/// - its own: <c>datahub.import.duration</c> and <c>datahub.import.features</c> per development import, and
///   <c>datahub.analysis_model.duration</c> per analysis-model build or update (tagged full or incremental),
///   <c>datahub.answer_cache.hits</c> and <c>.misses</c> (<see cref="AnswerCache"/>).
/// The instruments exist either way (a MeterListener sees them); only the exporter is configured.
/// </summary>
public static class Telemetry
{
    public const string Name = "DataHub";
    public static readonly ActivitySource Activities = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>("datahub.import.duration", "s",
        "How long a development import took, from the first byte to the commit");
    public static readonly Counter<long> ImportedFeatures = Meter.CreateCounter<long>("datahub.import.features", "{feature}",
        "Features read by development imports that were stored");
    public static readonly Histogram<double> AnalysisModelDuration = Meter.CreateHistogram<double>("datahub.analysis_model.duration", "s",
        "How long bringing the analysis model up to date took");
    public static readonly Counter<long> AnswerCacheHits = Meter.CreateCounter<long>("datahub.answer_cache.hits", "{answer}",
        "Reads answered from the answer cache");
    public static readonly Counter<long> AnswerCacheMisses = Meter.CreateCounter<long>("datahub.answer_cache.misses", "{answer}",
        "Cacheable reads whose answer was built");

    public static IServiceCollection AddDataHubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["DataHub:Telemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrEmpty(endpoint)) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["DataHub:Telemetry:ServiceName"] ?? "datahub"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(Name))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource(Name))
            .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, new Uri(endpoint));
        return services;
    }
}
