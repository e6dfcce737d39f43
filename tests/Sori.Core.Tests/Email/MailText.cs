using System.Text;
using Sori.Core.Channels.Email;
using Sori.Core.Conversations.Inbound;

namespace Sori.Core.Tests.Email;

/// <summary>Builds small raw messages for tests.</summary>
internal static class MailText
{
    public static readonly EmailMapper.Limits Limits = new(1024 * 1024, 20, 500, "ko");

    public static byte[] Raw(string from = "김민지 <minji@example.kr>", string subject = "환불 문의", string body = "환불하고 싶어요.",
        string? messageId = null, string? extraHeaders = null, string to = "help@shop.example.kr")
    {
        var text = $"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@example.kr"}>\r\n"
                   + "Date: Mon, 02 Mar 2026 09:00:00 +0900\r\nMIME-Version: 1.0\r\n" + (extraHeaders is null ? "" : extraHeaders.TrimEnd() + "\r\n")
                   + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
        return Encoding.UTF8.GetBytes(text);
    }

    public static InboundMessage Map(byte[] raw) => EmailMapper.Map(raw, 1, Limits);

    public static InboundMessage Map(string from = "김민지 <minji@example.kr>", string subject = "환불 문의", string body = "환불하고 싶어요.",
        string? extraHeaders = null) => Map(Raw(from, subject, body, null, extraHeaders));
}
