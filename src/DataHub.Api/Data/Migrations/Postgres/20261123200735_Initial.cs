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
                name: "ix_areas_geometry",
                table: "areas",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_areas_kind",
                table: "areas",
                column: "kind");

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
                name: "ix_organisations_tenant_id",
                table: "organisations",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_versions_owner_code_code",
                table: "plan_versions",
                columns: new[] { "owner_code", "code" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_versions_plan_id_version",
                table: "plan_versions",
                columns: new[] { "plan_id", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "areas");

            migrationBuilder.DropTable(
                name: "development_imports");

            migrationBuilder.DropTable(
                name: "development_versions");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "plan_versions");

            migrationBuilder.DropTable(
                name: "developments");
        }
    }
}
