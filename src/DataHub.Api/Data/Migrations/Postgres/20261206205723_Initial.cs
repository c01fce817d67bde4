using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DataHub.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "access_grants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_code = table.Column<string>(type: "text", nullable: false),
                    recipient_code = table.Column<string>(type: "text", nullable: true),
                    recipient_type = table.Column<string>(type: "text", nullable: true),
                    level = table.Column<string>(type: "text", nullable: false),
                    plan_type = table.Column<string>(type: "text", nullable: true),
                    sector = table.Column<string>(type: "text", nullable: true),
                    area_code = table.Column<string>(type: "text", nullable: true),
                    development_id = table.Column<Guid>(type: "uuid", nullable: true),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_grants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    province_code = table.Column<string>(type: "text", nullable: true),
                    res_region_code = table.Column<string>(type: "text", nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: false),
                    min_x = table.Column<double>(type: "double precision", nullable: false),
                    min_y = table.Column<double>(type: "double precision", nullable: false),
                    max_x = table.Column<double>(type: "double precision", nullable: false),
                    max_y = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_areas", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    organisation = table.Column<string>(type: "text", nullable: true),
                    action = table.Column<string>(type: "text", nullable: false),
                    surface = table.Column<string>(type: "text", nullable: false),
                    resource_type = table.Column<string>(type: "text", nullable: false),
                    resource_id = table.Column<string>(type: "text", nullable: true),
                    data_owner = table.Column<string>(type: "text", nullable: true),
                    record_count = table.Column<int>(type: "integer", nullable: false),
                    detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "capacity_map_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    operator_code = table.Column<string>(type: "text", nullable: false),
                    identifier = table.Column<string>(type: "text", nullable: false),
                    conforms_to = table.Column<string>(type: "text", nullable: false),
                    issued = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_capacity_map_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "change_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    resource_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    owner_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "development_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_code = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    format = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_development_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "developments",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    external_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_developments", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "energy_area_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    operator_code = table.Column<string>(type: "text", nullable: false),
                    short_code = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    demand_available_mw = table.Column<double>(type: "double precision", nullable: true),
                    demand_quoted_mw = table.Column<double>(type: "double precision", nullable: true),
                    demand_in_queue_mw = table.Column<double>(type: "double precision", nullable: true),
                    demand_requests_in_queue = table.Column<int>(type: "integer", nullable: true),
                    demand_forecast_mw = table.Column<double>(type: "double precision", nullable: true),
                    demand_alleviation_year = table.Column<int>(type: "integer", nullable: true),
                    demand_constraint = table.Column<string>(type: "text", nullable: true),
                    generation_available_mw = table.Column<double>(type: "double precision", nullable: true),
                    generation_quoted_mw = table.Column<double>(type: "double precision", nullable: true),
                    generation_in_queue_mw = table.Column<double>(type: "double precision", nullable: true),
                    generation_requests_in_queue = table.Column<int>(type: "integer", nullable: true),
                    generation_forecast_mw = table.Column<double>(type: "double precision", nullable: true),
                    generation_alleviation_year = table.Column<int>(type: "integer", nullable: true),
                    generation_constraint = table.Column<string>(type: "text", nullable: true),
                    demand_congestion_area_code = table.Column<string>(type: "text", nullable: true),
                    generation_congestion_area_code = table.Column<string>(type: "text", nullable: true),
                    works_json = table.Column<string>(type: "text", nullable: false),
                    postcode_areas_json = table.Column<string>(type: "text", nullable: false),
                    geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true),
                    capacity_json = table.Column<string>(type: "text", nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_energy_area_versions", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "miek_assessment_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    owner_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    criterion = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    rationale = table.Column<string>(type: "text", nullable: false),
                    author_organisation = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_miek_assessment_versions", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "miek_progress_updates",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    update_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    as_of_date = table.Column<DateOnly>(type: "date", nullable: false),
                    phase = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    schedule = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    expected_delivery = table.Column<int>(type: "integer", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    author_organisation = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_miek_progress_updates", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "miek_project_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    is_retired = table.Column<bool>(type: "boolean", nullable: false),
                    owner_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    infrastructure_type = table.Column<string>(type: "text", nullable: false),
                    carrier = table.Column<string>(type: "text", nullable: false),
                    project_type = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true),
                    fiche_json = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_miek_project_versions", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    area_code = table.Column<string>(type: "text", nullable: true),
                    tenant_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "plan_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    is_retired = table.Column<bool>(type: "boolean", nullable: false),
                    owner_code = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    plan_type = table.Column<string>(type: "text", nullable: false),
                    plan_version_label = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    period_start = table.Column<int>(type: "integer", nullable: true),
                    period_end = table.Column<int>(type: "integer", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_versions", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "programme_cycle_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    owner_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    milestones_json = table.Column<string>(type: "text", nullable: false),
                    baseline_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programme_cycle_versions", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "quickscans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_code = table.Column<string>(type: "text", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    request_json = table.Column<string>(type: "text", nullable: false),
                    result_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quickscans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sharing_agreement_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    owner_code = table.Column<string>(type: "text", nullable: false),
                    recipients_json = table.Column<string>(type: "text", nullable: false),
                    scope_json = table.Column<string>(type: "text", nullable: false),
                    level = table.Column<string>(type: "text", nullable: false),
                    purpose = table.Column<string>(type: "text", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_agreement_versions", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "station_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    station_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    operator_code = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    voltages_json = table.Column<string>(type: "text", nullable: false),
                    energy_area_short_code = table.Column<string>(type: "text", nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_station_versions", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "variants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    changes_json = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_variants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "weighing_framework_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    framework_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    owner_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    criteria_json = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_weighing_framework_versions", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "development_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    development_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_code = table.Column<string>(type: "text", nullable: false),
                    external_id = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    is_retired = table.Column<bool>(type: "boolean", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    change_kind = table.Column<string>(type: "text", nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    plan_type = table.Column<string>(type: "text", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sector = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    asset_type = table.Column<string>(type: "text", nullable: false),
                    certainty = table.Column<string>(type: "text", nullable: false),
                    visibility = table.Column<string>(type: "text", nullable: false),
                    first_year = table.Column<int>(type: "integer", nullable: false),
                    last_year = table.Column<int>(type: "integer", nullable: true),
                    commissioning_year = table.Column<int>(type: "integer", nullable: true),
                    decommissioning_year = table.Column<int>(type: "integer", nullable: true),
                    municipality_code = table.Column<string>(type: "text", nullable: true),
                    province_code = table.Column<string>(type: "text", nullable: true),
                    res_region_code = table.Column<string>(type: "text", nullable: true),
                    other_municipality_codes = table.Column<string>(type: "text", nullable: false),
                    geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: false),
                    min_x = table.Column<double>(type: "double precision", nullable: false),
                    min_y = table.Column<double>(type: "double precision", nullable: false),
                    max_x = table.Column<double>(type: "double precision", nullable: false),
                    max_y = table.Column<double>(type: "double precision", nullable: false),
                    quantities_json = table.Column<string>(type: "text", nullable: false),
                    energy_json = table.Column<string>(type: "text", nullable: false),
                    carriers_json = table.Column<string>(type: "text", nullable: false),
                    source_json = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_development_versions", x => x.row_id);
                    table.ForeignKey(
                        name: "fk_development_versions_developments_seq",
                        column: x => x.seq,
                        principalTable: "developments",
                        principalColumn: "seq",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_grants_agreement_id",
                table: "access_grants",
                column: "agreement_id");

            migrationBuilder.CreateIndex(
                name: "ix_access_grants_owner_code_recipient_code",
                table: "access_grants",
                columns: new[] { "owner_code", "recipient_code" });

            migrationBuilder.CreateIndex(
                name: "ix_access_grants_owner_code_recipient_type",
                table: "access_grants",
                columns: new[] { "owner_code", "recipient_type" });

            migrationBuilder.CreateIndex(
                name: "ix_access_grants_recipient_code",
                table: "access_grants",
                column: "recipient_code");

            migrationBuilder.CreateIndex(
                name: "ix_access_grants_recipient_type",
                table: "access_grants",
                column: "recipient_type");

            migrationBuilder.CreateIndex(
                name: "ix_areas_geometry",
                table: "areas",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_areas_kind",
                table: "areas",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_at",
                table: "audit_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_data_owner_at",
                table: "audit_events",
                columns: new[] { "data_owner", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_change_events_resource_type_resource_id",
                table: "change_events",
                columns: new[] { "resource_type", "resource_id" });

            migrationBuilder.CreateIndex(
                name: "ix_development_versions_development_id_version",
                table: "development_versions",
                columns: new[] { "development_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_development_versions_geometry",
                table: "development_versions",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_development_versions_municipality_code",
                table: "development_versions",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "ix_development_versions_province_code",
                table: "development_versions",
                column: "province_code");

            migrationBuilder.CreateIndex(
                name: "ix_development_versions_seq_valid_from",
                table: "development_versions",
                columns: new[] { "seq", "valid_from" });

            migrationBuilder.CreateIndex(
                name: "ix_development_versions_valid_from",
                table: "development_versions",
                column: "valid_from");

            migrationBuilder.CreateIndex(
                name: "ix_development_versions_valid_to_seq",
                table: "development_versions",
                columns: new[] { "valid_to", "seq" });

            migrationBuilder.CreateIndex(
                name: "ix_developments_id",
                table: "developments",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_developments_owner_code_external_id",
                table: "developments",
                columns: new[] { "owner_code", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_energy_area_versions_area_id_version",
                table: "energy_area_versions",
                columns: new[] { "area_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_energy_area_versions_geometry",
                table: "energy_area_versions",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_energy_area_versions_operator_code_short_code",
                table: "energy_area_versions",
                columns: new[] { "operator_code", "short_code" },
                unique: true,
                filter: "valid_to IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_miek_assessment_versions_assessment_id_version",
                table: "miek_assessment_versions",
                columns: new[] { "assessment_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_miek_assessment_versions_project_id_kind_criterion_version",
                table: "miek_assessment_versions",
                columns: new[] { "project_id", "kind", "criterion", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_miek_progress_updates_project_id_as_of_date",
                table: "miek_progress_updates",
                columns: new[] { "project_id", "as_of_date" });

            migrationBuilder.CreateIndex(
                name: "ix_miek_progress_updates_update_id",
                table: "miek_progress_updates",
                column: "update_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_miek_project_versions_cycle_id_valid_to",
                table: "miek_project_versions",
                columns: new[] { "cycle_id", "valid_to" });

            migrationBuilder.CreateIndex(
                name: "ix_miek_project_versions_owner_code_code",
                table: "miek_project_versions",
                columns: new[] { "owner_code", "code" });

            migrationBuilder.CreateIndex(
                name: "ix_miek_project_versions_project_id_version",
                table: "miek_project_versions",
                columns: new[] { "project_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_organisations_tenant_id",
                table: "organisations",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_versions_owner_code_code",
                table: "plan_versions",
                columns: new[] { "owner_code", "code" },
                unique: true,
                filter: "valid_to IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_plan_versions_plan_id_version",
                table: "plan_versions",
                columns: new[] { "plan_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_programme_cycle_versions_cycle_id_version",
                table: "programme_cycle_versions",
                columns: new[] { "cycle_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_programme_cycle_versions_owner_code_code",
                table: "programme_cycle_versions",
                columns: new[] { "owner_code", "code" });

            migrationBuilder.CreateIndex(
                name: "ix_quickscans_owner_code_created_at",
                table: "quickscans",
                columns: new[] { "owner_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sharing_agreement_versions_agreement_id_version",
                table: "sharing_agreement_versions",
                columns: new[] { "agreement_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sharing_agreement_versions_owner_code",
                table: "sharing_agreement_versions",
                column: "owner_code");

            migrationBuilder.CreateIndex(
                name: "ix_sharing_agreement_versions_valid_to_status",
                table: "sharing_agreement_versions",
                columns: new[] { "valid_to", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_station_versions_operator_code_code",
                table: "station_versions",
                columns: new[] { "operator_code", "code" },
                unique: true,
                filter: "valid_to IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_station_versions_station_id_version",
                table: "station_versions",
                columns: new[] { "station_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_variants_owner_code",
                table: "variants",
                column: "owner_code");

            migrationBuilder.CreateIndex(
                name: "ix_weighing_framework_versions_framework_id_version",
                table: "weighing_framework_versions",
                columns: new[] { "framework_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_weighing_framework_versions_owner_code",
                table: "weighing_framework_versions",
                column: "owner_code",
                unique: true,
                filter: "valid_to IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_grants");

            migrationBuilder.DropTable(
                name: "areas");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "capacity_map_imports");

            migrationBuilder.DropTable(
                name: "change_events");

            migrationBuilder.DropTable(
                name: "development_imports");

            migrationBuilder.DropTable(
                name: "development_versions");

            migrationBuilder.DropTable(
                name: "energy_area_versions");

            migrationBuilder.DropTable(
                name: "miek_assessment_versions");

            migrationBuilder.DropTable(
                name: "miek_progress_updates");

            migrationBuilder.DropTable(
                name: "miek_project_versions");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "plan_versions");

            migrationBuilder.DropTable(
                name: "programme_cycle_versions");

            migrationBuilder.DropTable(
                name: "quickscans");

            migrationBuilder.DropTable(
                name: "sharing_agreement_versions");

            migrationBuilder.DropTable(
                name: "station_versions");

            migrationBuilder.DropTable(
                name: "variants");

            migrationBuilder.DropTable(
                name: "weighing_framework_versions");

            migrationBuilder.DropTable(
                name: "developments");
        }
    }
}
