using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataHub.Api.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<byte[]>(
                name: "geometry",
                table: "energy_area_versions",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "capacity_json",
                table: "energy_area_versions");

            migrationBuilder.DropColumn(
                name: "geometry",
                table: "energy_area_versions");
        }
    }
}
