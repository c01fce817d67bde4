using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

namespace DataHub.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnergyAreaGeometryAndCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "capacity_json",
                table: "energy_area_versions",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<Geometry>(
                name: "geometry",
                table: "energy_area_versions",
                type: "geometry(Geometry,4326)",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_energy_area_versions_geometry",
                table: "energy_area_versions",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_energy_area_versions_geometry",
                table: "energy_area_versions");

            migrationBuilder.DropColumn(
                name: "capacity_json",
                table: "energy_area_versions");

            migrationBuilder.DropColumn(
                name: "geometry",
                table: "energy_area_versions");
        }
    }
}
