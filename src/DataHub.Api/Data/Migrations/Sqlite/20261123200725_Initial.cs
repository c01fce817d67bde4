using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataHub.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    province_code = table.Column<string>(type: "TEXT", nullable: true),
                    res_region_code = table.Column<string>(type: "TEXT", nullable: true),
                    geometry = table.Column<byte[]>(type: "BLOB", nullable: false),
                    min_x = table.Column<double>(type: "REAL", nullable: false),
                    min_y = table.Column<double>(type: "REAL", nullable: false),
                    max_x = table.Column<double>(type: "REAL", nullable: false),
                    max_y = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_areas", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "development_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_code = table.Column<string>(type: "TEXT", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", nullable: false),
                    format = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created = table.Column<int>(type: "INTEGER", nullable: false),
                    updated = table.Column<int>(type: "INTEGER", nullable: false),
                    unchanged = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_development_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "developments",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_developments", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    area_code = table.Column<string>(type: "TEXT", nullable: true),
                    tenant_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "plan_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateTime>(type: "TEXT", nullable: true),
                    is_retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    owner_code = table.Column<string>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    plan_type = table.Column<string>(type: "TEXT", nullable: false),
                    plan_version_label = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    period_start = table.Column<int>(type: "INTEGER", nullable: true),
                    period_end = table.Column<int>(type: "INTEGER", nullable: true),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    changed_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_versions", x => x.row_id);
                });

            migrationBuilder.CreateTable(
                name: "development_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    development_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_code = table.Column<string>(type: "TEXT", nullable: false),
                    external_id = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", nullable: false),
                    change_kind = table.Column<string>(type: "TEXT", nullable: false),
                    import_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    plan_type = table.Column<string>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    sector = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    asset_type = table.Column<string>(type: "TEXT", nullable: false),
                    certainty = table.Column<string>(type: "TEXT", nullable: false),
                    visibility = table.Column<string>(type: "TEXT", nullable: false),
                    first_year = table.Column<int>(type: "INTEGER", nullable: false),
                    last_year = table.Column<int>(type: "INTEGER", nullable: true),
                    commissioning_year = table.Column<int>(type: "INTEGER", nullable: true),
                    decommissioning_year = table.Column<int>(type: "INTEGER", nullable: true),
                    municipality_code = table.Column<string>(type: "TEXT", nullable: true),
                    province_code = table.Column<string>(type: "TEXT", nullable: true),
                    res_region_code = table.Column<string>(type: "TEXT", nullable: true),
                    other_municipality_codes = table.Column<string>(type: "TEXT", nullable: false),
                    geometry = table.Column<byte[]>(type: "BLOB", nullable: false),
                    min_x = table.Column<double>(type: "REAL", nullable: false),
                    min_y = table.Column<double>(type: "REAL", nullable: false),
                    max_x = table.Column<double>(type: "REAL", nullable: false),
                    max_y = table.Column<double>(type: "REAL", nullable: false),
                    quantities_json = table.Column<string>(type: "TEXT", nullable: false),
                    energy_json = table.Column<string>(type: "TEXT", nullable: false),
                    carriers_json = table.Column<string>(type: "TEXT", nullable: false),
                    source_json = table.Column<string>(type: "TEXT", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", nullable: false)
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
                name: "ix_areas_kind",
                table: "areas",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "ix_development_versions_development_id_version",
                table: "development_versions",
                columns: new[] { "development_id", "version" },
                unique: true);

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

            // The spatial prefilter: an R*Tree over every version's bounding box (SQLite has no spatial index of its
            // own). Filled by SqliteSpatialQuery.IndexNewVersionsAsync in the same transaction as the versions; a
            // per-row trigger doubled the cost of bulk imports.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE development_rtree USING rtree(id, min_x, max_x, min_y, max_y);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS development_rtree;");
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
