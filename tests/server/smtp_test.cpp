// The SMTP client against a fake SMTP server (support/fake_smtp.hpp): the conversation, 8bit or
// base64 bodies, dot-stuffing end to end, the HELO fallback, and which failures are permanent.
#include <gtest/gtest.h>

#include <chrono>

#include "mail/smtp_client.hpp"
#include "mimamori/common/base64url.hpp"
#include "support/fake_smtp.hpp"

namespace mimamori::test {
namespace {

using mail::MailMessage;
using mail::SmtpSettings;

MailMessage invitation() {
    return MailMessage{"mimamori@example.jp", "hanako@example.jp", "【みまもり】ご案内",
                       "花子 様\n\n.このリンクを開いてください\n..\n.\n", "<1@example.jp>", 1732579500};
}

SmtpSettings to(const FakeSmtpServer& server, int timeout_ms = 5000) {
    SmtpSettings s;
    s.host = "127.0.0.1";
    s.port = server.port();
    s.timeout = std::chrono::milliseconds(timeout_ms);
    s.helo_name = "mimamori.test";
    return s;
}

// The body of a received message (after the blank line).
std::string body_of(const ReceivedMail& mail) { return mail.data.substr(mail.data.find("\r\n\r\n") + 4); }

TEST(Smtp, DeliversEightBitWhenTheServerAnnouncesIt) {
    FakeSmtpServer server;
    auto outcome = mail::send_mail(to(server), invitation());
    ASSERT_TRUE(outcome.delivered) << outcome.error;
    ASSERT_TRUE(server.wait_for(1));
    const auto commands = server.commands();
    ASSERT_GE(commands.size(), 5u);
    EXPECT_EQ(commands[0], "EHLO mimamori.test");
    EXPECT_EQ(commands[1], "MAIL FROM:<mimamori@example.jp> BODY=8BITMIME");
    EXPECT_EQ(commands[2], "RCPT TO:<hanako@example.jp>");
    EXPECT_EQ(commands[3], "DATA");
    EXPECT_EQ(commands.back(), "QUIT");
    const auto mail = server.received().at(0);
    EXPECT_NE(mail.data.find("Content-Transfer-Encoding: 8bit\r\n"), std::string::npos);
    EXPECT_NE(mail.data.find("Subject: =?UTF-8?B?"), std::string::npos);
    EXPECT_NE(mail.data.find("Message-ID: <1@example.jp>\r\n"), std::string::npos);
    EXPECT_NE(mail.data.find("Date: Tue, 26 Nov 2024 09:05:00 +0900\r\n"), std::string::npos);
    // Lines that begin with dots arrive unchanged: the client stuffed them, the server unstuffed.
    EXPECT_EQ(body_of(mail), "花子 様\r\n\r\n.このリンクを開いてください\r\n..\r\n.\r\n");
}

TEST(Smtp, Base64WhenTheServerIsSevenBit) {
    FakeSmtpServer server({.eight_bit_mime = false});
    auto outcome = mail::send_mail(to(server), invitation());
    ASSERT_TRUE(outcome.delivered) << outcome.error;
    const auto commands = server.commands();
    EXPECT_EQ(commands[1], "MAIL FROM:<mimamori@example.jp>");
    const auto mail = server.received().at(0);
    EXPECT_NE(mail.data.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
    std::string encoded;
    for (char c : body_of(mail))
        if (c != '\r' && c != '\n') encoded += c;
    auto decoded = encoding::base64_decode(encoded);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(to_string(*decoded), "花子 様\r\n\r\n.このリンクを開いてください\r\n..\r\n.\r\n");
    for (char c : mail.data) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << "7-bit only";
}

TEST(Smtp, HeloForAServerWithoutEhlo) {
    FakeSmtpServer server({.knows_ehlo = false});
    auto outcome = mail::send_mail(to(server), invitation());
    ASSERT_TRUE(outcome.delivered) << outcome.error;
    const auto commands = server.commands();
    EXPECT_EQ(commands[0], "EHLO mimamori.test");
    EXPECT_EQ(commands[1], "HELO mimamori.test");
    EXPECT_EQ(commands[2], "MAIL FROM:<mimamori@example.jp>");
    EXPECT_NE(server.received().at(0).data.find("base64"), std::string::npos);
}

TEST(Smtp, RefusedRecipientIsPermanentTemporaryFailureIsNot) {
    FakeSmtpServer refusing({.rcpt_reply = 550});
    auto refused = mail::send_mail(to(refusing), invitation());
    EXPECT_FALSE(refused.delivered);
    EXPECT_TRUE(refused.permanent);
    EXPECT_NE(refused.error.find("550"), std::string::npos) << refused.error;

    FakeSmtpServer busy({.rcpt_reply = 451});
    auto later = mail::send_mail(to(busy), invitation());
    EXPECT_FALSE(later.delivered);
    EXPECT_FALSE(later.permanent);

    FakeSmtpServer full({.data_end_reply = 452});
    auto not_now = mail::send_mail(to(full), invitation());
    EXPECT_FALSE(not_now.delivered);
    EXPECT_FALSE(not_now.permanent);
    EXPECT_TRUE(full.received().empty());
}

TEST(Smtp, SilentServerTimesOut) {
    FakeSmtpServer server({.silent = true});
    const auto start = std::chrono::steady_clock::now();
    auto outcome = mail::send_mail(to(server, 300), invitation());
    EXPECT_FALSE(outcome.delivered);
    EXPECT_FALSE(outcome.permanent);
    EXPECT_NE(outcome.error.find("did not answer in time"), std::string::npos) << outcome.error;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST(Smtp, NoServerIsATemporaryFailure) {
    std::uint16_t port;
    {
        FakeSmtpServer gone;
        port = gone.port();
    }
    SmtpSettings settings;
    settings.host = "127.0.0.1";
    settings.port = port;
    settings.timeout = std::chrono::milliseconds(1000);
    auto outcome = mail::send_mail(settings, invitation());
    EXPECT_FALSE(outcome.delivered);
    EXPECT_FALSE(outcome.permanent);
    EXPECT_NE(outcome.error.find("cannot connect"), std::string::npos) << outcome.error;
}

} // namespace
} // namespace mimamori::test
