using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EnvelopeIdsLeadTheirIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MessageEnvelopes_Channel_ExternalId",
                table: "MessageEnvelopes");

            migrationBuilder.CreateIndex(
                name: "IX_MessageEnvelopes_ExternalId_Channel",
                table: "MessageEnvelopes",
                columns: new[] { "ExternalId", "Channel" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MessageEnvelopes_ExternalId_Channel",
                table: "MessageEnvelopes");

            migrationBuilder.CreateIndex(
                name: "IX_MessageEnvelopes_Channel_ExternalId",
                table: "MessageEnvelopes",
                columns: new[] { "Channel", "ExternalId" });
        }
    }
}
