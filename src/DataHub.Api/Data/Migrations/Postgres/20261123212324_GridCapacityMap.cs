using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DataHub.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GridCapacityMap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_energy_area_versions", x => x.row_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_energy_area_versions_area_id_version",
                table: "energy_area_versions",
                columns: new[] { "area_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_energy_area_versions_operator_code_short_code",
                table: "energy_area_versions",
                columns: new[] { "operator_code", "short_code" },
                unique: true,
                filter: "valid_to IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "capacity_map_imports");

            migrationBuilder.DropTable(
                name: "energy_area_versions");
        }
    }
}
