using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DataHub.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccessGrants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_grants");
        }
    }
}
