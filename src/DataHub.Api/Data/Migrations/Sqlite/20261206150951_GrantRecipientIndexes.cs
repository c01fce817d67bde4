using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataHub.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GrantRecipientIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_access_grants_recipient_code",
                table: "access_grants",
                column: "recipient_code");

            migrationBuilder.CreateIndex(
                name: "ix_access_grants_recipient_type",
                table: "access_grants",
                column: "recipient_type");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_access_grants_recipient_code",
                table: "access_grants");

            migrationBuilder.DropIndex(
                name: "ix_access_grants_recipient_type",
                table: "access_grants");
        }
    }
}
