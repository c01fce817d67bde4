using System.Globalization;
using System.Net;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// The fiche as one printable A4 page (Dutch: it is printed and read by provincial and municipal staff). Written by
/// hand: one fixed page with two small inline SVG figures needs no template engine (Razor would bring in MVC for it);
/// every text from the data goes through <see cref="WebUtility.HtmlEncode(string)"/>.
/// </summary>
public static class MiekFicheHtml
{
    private static readonly Dictionary<string, string> Dutch = new(StringComparer.Ordinal)
    {
        ["prioritised"] = "geprioriteerd", ["included"] = "opgenomen", ["notIncluded"] = "niet opgenomen",
        ["proposed"] = "voorgesteld", ["candidate"] = "kandidaat", ["pmiekStatus"] = "pMIEK-status", ["withdrawn"] = "ingetrokken",
        ["research"] = "onderzoek", ["exploration"] = "verkenning", ["concrete"] = "concreet project",
        ["electricity"] = "elektriciteit", ["hydrogen"] = "waterstof", ["heat"] = "warmte", ["methane"] = "methaan", ["co2"] = "CO2", ["multiple"] = "meerdere",
        ["covered"] = "gedekt", ["extraSupportNeeded"] = "extra steun nodig", ["unknown"] = "onbekend",
        ["idea"] = "idee", ["planning"] = "planvorming", ["realisation"] = "realisatie", ["operational"] = "in bedrijf",
        ["acceleration"] = "versnelling", ["prioritisation"] = "prioritering", ["confirmationOfNeed"] = "bevestiging van de behoefte",
        ["onSchedule"] = "op schema", ["ahead"] = "voor op schema", ["delayed"] = "vertraagd", ["stopped"] = "gestopt",
        ["high"] = "hoog", ["medium"] = "gemiddeld", ["low"] = "laag", ["good"] = "goed", ["sufficient"] = "voldoende", ["poor"] = "onvoldoende",
        ["much"] = "veel", ["little"] = "weinig", ["mostlyPositive"] = "overwegend positief", ["negative"] = "negatief",
        ["littleEffort"] = "weinig inspanning", ["mediumEffort"] = "gemiddelde inspanning", ["muchEffort"] = "veel inspanning",
        ["hvStationExpansion"] = "uitbreiding HS-station", ["newHvStation"] = "nieuw HS-station", ["mvStationExpansion"] = "uitbreiding MS-station",
        ["newMvRouteAndStation"] = "nieuwe MS-route en -station", ["hvConnection"] = "HS-verbinding", ["tsoStation"] = "station landelijk netbeheerder",
        ["hydrogenPipeline"] = "waterstofleiding", ["electrolyser"] = "elektrolyser", ["heatNetwork"] = "warmtenet", ["heatSource"] = "warmtebron",
        ["gasNetworkAdjustment"] = "aanpassing gasnet", ["co2Pipeline"] = "CO2-leiding", ["storage"] = "opslag", ["chargingInfrastructure"] = "laadinfrastructuur",
        ["other"] = "overig",
        ["offtake"] = "afname", ["feedIn"] = "invoeding", ["committed"] = "vastgesteld", ["expected"] = "verwacht", ["ambition"] = "ambitie",
    };

    /// <summary>At most this many bottleneck rows on the page; the JSON fiche lists them all.</summary>
    private const int MaxReliefRows = 4;

    private static string Nl(string? code) => code is null ? "–" : Dutch.GetValueOrDefault(code, code);

    private static string H(string? text) => WebUtility.HtmlEncode(text ?? "–");

    /// <summary>A text shortened to fit the page; the JSON fiche (and the project) hold it whole.</summary>
    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max].TrimEnd() + " … (zie de volledige fiche)";

    /// <summary>Dutch number notation (decimal comma, thousands point); built by hand because the hub runs in invariant globalization mode.</summary>
    private static readonly NumberFormatInfo DutchNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    private static string N(double? v, string format = "#,0.#") => v?.ToString(format, DutchNumbers) ?? "–";

    /// <summary>The page's one style element. Its hash is in the fiche's content security policy (and in the map's, which
    /// opens the fiche with the caller's token as a page of its own), so no other inline style may run.</summary>
    public const string Style = """
        @page { size: A4; margin: 12mm; }
        body { font-family: system-ui, sans-serif; font-size: 7.5pt; margin: 0; color: #111; width: 186mm; }
        h1 { font-size: 13pt; margin: 0 0 1mm; } h2 { font-size: 9.5pt; margin: 2.5mm 0 1mm; border-bottom: 1px solid #999; }
        table { border-collapse: collapse; width: 100%; } td, th { text-align: left; vertical-align: top; padding: 0.4mm 1mm; }
        th { width: 30mm; font-weight: 600; } .scores td, .scores th { border-bottom: 1px solid #ddd; width: auto; }
        .cols { display: flex; gap: 4mm; } .cols > div { flex: 1; } .cols > div:first-child { flex: 1.3; } .meta { color: #444; } svg { display: block; }
        .decision { font-weight: 700; }
        """;

    public static readonly string StyleHash =
        "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'";

    /// <summary>The fiche's content security policy: its own style element and inline SVG, nothing loads or runs.</summary>
    public static readonly string Policy = $"default-src 'none'; style-src {StyleHash}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(MiekProjectFiche f)
    {
        var p = f.Project;
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><title>Projectfiche {{H(p.Code)}} – {{H(p.Name)}}</title>
            <style>{{Style}}</style></head><body>
            <h1>{{H(Clip(p.Name, 90))}}</h1>
            <p class="meta">{{H(p.Owner)}} · {{H(f.Cycle.Name)}} · project {{H(p.Code)}} · versie {{p.Version}} · status {{H(Nl(p.Status))}}{{(f.AsOf is { } asOf ? $" · stand per {asOf:yyyy-MM-dd HH:mm} UTC" : "")}}</p>
            <p class="decision">Besluit: {{H(Nl(p.Decision ?? "nog niet besloten"))}}{{(p.DecisionReason is null ? "" : " — " + H(Clip(p.DecisionReason, 160)))}}</p>
            <div class="cols"><div>
            <h2>Project</h2><table>
            """);
        Row(html, "Type infrastructuur", Nl(p.InfrastructureType));
        Row(html, "Energiedrager", Nl(p.Carrier));
        Row(html, "Projecttype", Nl(p.ProjectType));
        Row(html, "Voorgesteld door", p.ProposedBy);
        Row(html, "Sectoren", string.Join(", ", p.Sectors));
        Row(html, "Ontwikkelingen", $"{p.Developments.Count} gekoppeld; criterium A: {f.Assessment.CriterionA.Developments} zichtbaar, {N(f.Assessment.CriterionA.Homes, "#,0")} woningen");
        Row(html, "Energiegebieden", string.Join(", ", f.Areas.Select(a => $"{a.Area.Operator} {a.Area.ShortCode}")));
        Row(html, "Werken", string.Join("; ", p.Works));
        Row(html, "Extra capaciteit", p.CapacityMw is null ? null : $"{N(p.CapacityMw)} MW");
        Row(html, "Investering", p.Finance.InvestmentEurMillions is null ? null : $"ca. € {N(p.Finance.InvestmentEurMillions)} mln ({Nl(p.Finance.Coverage)})");
        Row(html, "Planning", $"oplevering indicatief {(p.Planning.IndicativeDelivery?.ToString(CultureInfo.InvariantCulture) ?? "–")}; infrastructuur: {Nl(p.Planning.InfrastructurePhase)}; ontwikkelingen: {Nl(p.Planning.DevelopmentsPhase)}");
        Row(html, "Partijen", string.Join("; ", p.Parties.Select(x => $"{x.Organisation} ({x.Role})")));
        Row(html, "Reden opname", Nl(p.ReasonForInclusion));
        Row(html, "Afhankelijkheden", string.Join("; ", p.Dependencies.PmiekProjects.Select(x => $"pMIEK {x}").Concat(p.Dependencies.MiekProjects.Select(x => $"MIEK {x}"))
            .Concat(p.Dependencies.OutsideProvince.Select(x => $"buiten de provincie: {x}"))));
        Row(html, "Uitvoeringsafspraken", p.ExecutionAgreements);
        Row(html, "Voortgang", f.LatestProgress is { } u ? $"{u.AsOfDate:yyyy-MM-dd}: {Nl(u.Phase)}, {Nl(u.Schedule)}{(u.Reason is null ? "" : " — " + u.Reason)}" : null);
        html.Append("</table></div><div>\n<h2>Kaart</h2>\n").Append(MapSvg(f)).Append("\n<h2>Belasting en capaciteit (verwacht scenario)</h2>\n").Append(ChartSvg(f.LoadAgainstCapacity))
            .Append("\n</div></div>\n");
        html.Append("<h2>Beschrijving</h2><p>").Append(H(Clip(p.Description, 200))).Append("</p>");
        if (p.Narrative is not null) html.Append("<p>").Append(H(Clip(p.Narrative, 250))).Append("</p>");
        html.Append("\n<h2>Afwegingskader</h2><table class=\"scores\"><tr><th>Criterium</th><th>Score</th><th>Onderbouwing</th><th>Door</th></tr>\n");
        foreach (var c in f.Framework.Criteria)
        {
            var s = f.Assessment.Scores.FirstOrDefault(x => x.Criterion == c.Code)?.Current;
            var value = s is null ? "–" : c.Scale is null ? $"€ {N(double.Parse(s.Value, CultureInfo.InvariantCulture))} mln" : Nl(s.Value);
            html.Append($"<tr><td>{H(c.Code)}. {H(c.Name)}</td><td>{H(value)}</td><td>{H(Clip(s?.Rationale, 90))}</td><td>{H(s?.AuthorOrganisation)}</td></tr>\n");
        }
        html.Append("</table>\n");
        var reliefs = f.Assessment.CriterionC.Bottlenecks.Where(b => b.Scenario == "expected").ToList();
        html.Append("<h2>Knelpunten die het project verlicht (criterium C, uit de hub)</h2>");
        if (reliefs.Count == 0)
            html.Append("<p>").Append(H(f.Areas.Count == 0 ? "Het project noemt geen energiegebied dat de hub kent: geen knelpunt om het aan te relateren."
                : "Geen knelpunt in de gekoppelde energiegebieden (verwacht scenario).")).Append("</p>");
        else
        {
            if (p.CapacityMw is null || p.Planning.IndicativeDelivery is null)
                html.Append("<p>").Append(H("Zonder extra capaciteit (MW) en indicatief opleverjaar berekent de hub de verlichting niet.")).Append("</p>");
            html.Append("<table class=\"scores\"><tr><th>Gebied</th><th>Richting</th><th>Knelpunt vanaf</th><th>Grootste tekort</th><th>Verlichting</th><th>Resterend</th></tr>\n");
            foreach (var b in reliefs.Take(MaxReliefRows))
                html.Append($"<tr><td>{H(b.Area.Operator)} {H(b.Area.ShortCode)}</td><td>{H(Nl(b.Direction))}</td><td>{b.FirstYear}</td><td>{N(b.PeakShortfallMw)} MW ({b.PeakYear})</td>"
                    + $"<td>{Relief(b)}</td><td>{N(b.RemainingShortfallMw)} MW</td></tr>\n");
            html.Append("</table>");
            if (reliefs.Count > MaxReliefRows) html.Append($"<p class=\"meta\">en {reliefs.Count - MaxReliefRows} knelpunten meer (zie de volledige fiche)</p>");
        }
        html.Append($"<p class=\"meta\">DataHub · projectfiche {H(p.Id.ToString())} · gegevens van {p.UpdatedAt:yyyy-MM-dd}</p></body></html>\n");
        return html.ToString();
    }

    private static string Relief(BottleneckRelief b) => b.ReliefFromYear switch
    {
        null => "–",
        { } year when b.ReliefMw == 0 && b.RemainingShortfallMw == 0 => $"geen: het tekort is vóór {year} voorbij",
        { } year => $"{N(b.ReliefMw)} MW vanaf {year}",
    };

    private static void Row(StringBuilder html, string label, string? value) =>
        html.Append("<tr><th>").Append(H(label)).Append("</th><td>").Append(H(string.IsNullOrEmpty(value) ? null : Clip(value, 75))).Append("</td></tr>\n");

    /// <summary>The energy areas (grey) and the project's location (red) in a 300×200 box, longitude scaled by cos(latitude).</summary>
    private static string MapSvg(MiekProjectFiche f)
    {
        const double W = 300, Hh = 200, Pad = 6;
        var shapes = f.Areas.Select(a => a.Boundary).ToList();
        if (f.Project.Geometry is { IsEmpty: false } g) shapes.Add(g);
        if (shapes.Count == 0) return "<p>Geen locatie of energiegebied bekend.</p>";
        var env = new Envelope();
        foreach (var s in shapes) env.ExpandToInclude(s.EnvelopeInternal);
        env.ExpandBy(Math.Max(env.Width, env.Height) * 0.05 + 0.002);
        var k = Math.Cos(env.Centre.Y * Math.PI / 180);
        var scale = Math.Min((W - 2 * Pad) / (env.Width * k), (Hh - 2 * Pad) / env.Height);
        string Pt(Coordinate c) => string.Create(CultureInfo.InvariantCulture, $"{Pad + (c.X - env.MinX) * k * scale:0.#},{Hh - Pad - (c.Y - env.MinY) * scale:0.#}");
        string Path(Geometry geometry) => string.Join(" ", Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).SelectMany(part => part switch
        {
            Polygon poly => new[] { "M" + string.Join("L", poly.ExteriorRing.Coordinates.Select(Pt)) + "Z" },
            LineString line => ["M" + string.Join("L", line.Coordinates.Select(Pt))],
            _ => [],
        }));
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{Hh}\" viewBox=\"0 0 {W} {Hh}\" role=\"img\" aria-label=\"Kaart van het project en zijn energiegebieden\">");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#f6f6f2\"/>");
        foreach (var a in f.Areas)
        {
            var simple = DouglasPeuckerSimplifier.Simplify(a.Boundary, env.Width / 400);
            svg.Append($"<path d=\"{Path(simple)}\" fill=\"#dde3ea\" stroke=\"#667\" stroke-width=\"0.8\"><title>{H(a.Area.Operator)} {H(a.Area.ShortCode)}</title></path>");
            var c = simple.InteriorPoint.Coordinate;
            svg.Append($"<text x=\"{Pt(c).Split(',')[0]}\" y=\"{Pt(c).Split(',')[1]}\" font-size=\"8\" text-anchor=\"middle\" fill=\"#334\">{H(a.Area.ShortCode)}</text>");
        }
        if (f.Project.Geometry is { IsEmpty: false } location)
        {
            foreach (var part in Enumerable.Range(0, location.NumGeometries).Select(location.GetGeometryN))
                svg.Append(part is Point pt
                    ? $"<circle cx=\"{Pt(pt.Coordinate).Split(',')[0]}\" cy=\"{Pt(pt.Coordinate).Split(',')[1]}\" r=\"4\" fill=\"#c0392b\" stroke=\"#fff\"/>"
                    : $"<path d=\"{Path(part)}\" fill=\"#c0392b55\" stroke=\"#c0392b\" stroke-width=\"1.5\"/>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Peak offtake and feed-in against available capacity per year, for the project's areas together.</summary>
    private static string ChartSvg(AreaLoadSeries? s)
    {
        if (s is null || s.Years.Count == 0) return "<p>Geen energiegebied gekoppeld: geen grafiek.</p>";
        const double W = 300, Hh = 150, L = 34, R = 6, T = 8, B = 30;
        var max = new[] { s.PeakOfftakeMw.Max(), s.PeakFeedInMw.Max(), s.AvailableOfftakeMw.Max() ?? 0, s.AvailableFeedInMw.Max() ?? 0 }.Max();
        max = max <= 0 ? 1 : max * 1.1;
        double X(int i) => L + (W - L - R) * (s.Years.Count == 1 ? 0.5 : (double)i / (s.Years.Count - 1));
        double Y(double v) => T + (Hh - T - B) * (1 - v / max);
        string Line(IReadOnlyList<double?> values, string colour, string dash) =>
            $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" stroke-dasharray=\"{dash}\" points=\"" + string.Join(" ", values.Select((v, i) => (v, i))
                .Where(x => x.v is not null).Select(x => string.Create(CultureInfo.InvariantCulture, $"{X(x.i):0.#},{Y(x.v!.Value):0.#}"))) + "\"/>";
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{Hh}\" viewBox=\"0 0 {W} {Hh}\" role=\"img\" aria-label=\"Belasting tegen beschikbare capaciteit per jaar\">");
        svg.Append(string.Create(CultureInfo.InvariantCulture, $"<line x1=\"{L}\" y1=\"{Y(0):0.#}\" x2=\"{W - R}\" y2=\"{Y(0):0.#}\" stroke=\"#999\"/>"));
        foreach (var tick in new[] { 0, 0.5, 1.0 })
            svg.Append(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{L - 3}\" y=\"{Y(max / 1.1 * tick) + 3:0.#}\" font-size=\"7\" text-anchor=\"end\">{N(max / 1.1 * tick, "#,0")}</text>"));
        for (var i = 0; i < s.Years.Count; i += 5)
            svg.Append(string.Create(CultureInfo.InvariantCulture,
                $"<text x=\"{X(i):0.#}\" y=\"{Hh - B + 10}\" font-size=\"7\" text-anchor=\"{(i == s.Years.Count - 1 ? "end" : i == 0 ? "start" : "middle")}\">{s.Years[i]}</text>"));
        svg.Append(Line([.. s.PeakOfftakeMw.Select(v => (double?)v)], "#c0392b", "none")).Append(Line(s.AvailableOfftakeMw, "#c0392b", "4 2"))
            .Append(Line([.. s.PeakFeedInMw.Select(v => (double?)v)], "#2e6da4", "none")).Append(Line(s.AvailableFeedInMw, "#2e6da4", "4 2"));
        svg.Append($"<text x=\"{L}\" y=\"{Hh - 11}\" font-size=\"7\" fill=\"#c0392b\">— afname (MW)   - - - beschikbare capaciteit afname</text>");
        svg.Append($"<text x=\"{L}\" y=\"{Hh - 2}\" font-size=\"7\" fill=\"#2e6da4\">— invoeding (MW)   - - - beschikbare capaciteit invoeding</text>");
        return svg.Append("</svg>").ToString();
    }
}
