using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EmailInbound : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentId",
                table: "Attachments",
                type: "character varying(250)",
                maxLength: 250,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MessageEnvelopes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Direction = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MailboxId = table.Column<long>(type: "bigint", nullable: true),
                    DedupeKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    InReplyTo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    References = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    FromAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    FromName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    To = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Cc = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReplyTo = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Subject = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Disposition = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SpamScore = table.Column<double>(type: "double precision", nullable: false),
                    TicketId = table.Column<long>(type: "bigint", nullable: true),
                    MessageId = table.Column<long>(type: "bigint", nullable: true),
                    RawSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RawSize = table.Column<long>(type: "bigint", nullable: false),
                    OriginalText = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageEnvelopes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageEnvelopes_Mailboxes_MailboxId",
                        column: x => x.MailboxId,
                        principalTable: "Mailboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MessageEnvelopes_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MessageEnvelopes_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "TicketCcs",
                columns: table => new
                {
                    TicketId = table.Column<long>(type: "bigint", nullable: false),
                    Address = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketCcs", x => new { x.TicketId, x.Address });
                    table.ForeignKey(
                        name: "FK_TicketCcs_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageEnvelopes_Channel_ExternalId",
                table: "MessageEnvelopes",
                columns: new[] { "Channel", "ExternalId" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageEnvelopes_DedupeKey",
                table: "MessageEnvelopes",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageEnvelopes_Disposition_Id",
                table: "MessageEnvelopes",
                columns: new[] { "Disposition", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageEnvelopes_MailboxId_Disposition_Id",
                table: "MessageEnvelopes",
                columns: new[] { "MailboxId", "Disposition", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageEnvelopes_MessageId",
                table: "MessageEnvelopes",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageEnvelopes_TicketId_Id",
                table: "MessageEnvelopes",
                columns: new[] { "TicketId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketCcs_Address",
                table: "TicketCcs",
                column: "Address");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageEnvelopes");

            migrationBuilder.DropTable(
                name: "TicketCcs");

            migrationBuilder.DropColumn(
                name: "ContentId",
                table: "Attachments");
        }
    }
}
