using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sori.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 250,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MessageEnvelopes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MailboxId = table.Column<long>(type: "INTEGER", nullable: true),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    InReplyTo = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    References = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    FromAddress = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Cc = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReplyTo = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SpamScore = table.Column<double>(type: "REAL", nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    RawSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RawSize = table.Column<long>(type: "INTEGER", nullable: false),
                    OriginalText = table.Column<string>(type: "TEXT", nullable: true)
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
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
