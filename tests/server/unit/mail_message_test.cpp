// The mail the SMTP client sends: encoded-word subjects, dot-stuffing, 8bit and base64 bodies,
// dates in Japan time.
#include <gtest/gtest.h>

#include "mail/mail_message.hpp"
#include "mimamori/common/base64url.hpp"
#include "mimamori/common/text.hpp"

namespace mimamori::mail {
namespace {

// Decodes "=?UTF-8?B?...?=" words separated by folding (CRLF SP), checking each word's shape.
std::string decode_words(const std::string& encoded) {
    std::string out;
    std::size_t pos = 0;
    while (pos < encoded.size()) {
        auto end = encoded.find("?=", pos);
        std::string word = encoded.substr(pos, end + 2 - pos);
        EXPECT_LE(word.size(), 75u) << word;
        EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u) << word;
        auto bytes = encoding::base64_decode(word.substr(10, word.size() - 12));
        EXPECT_TRUE(bytes.ok());
        std::string piece = bytes ? to_string(*bytes) : "";
        EXPECT_TRUE(text::is_valid_utf8(piece)) << "a word cut inside a character";
        out += piece;
        pos = end + 2;
        if (encoded.compare(pos, 3, "\r\n ") == 0) pos += 3;
    }
    return out;
}

TEST(MailMessage, PlainAsciiSubjectStaysAsItIs) {
    EXPECT_EQ(encode_header_text("Invitation to Mimamori"), "Invitation to Mimamori");
    // Text that looks like an encoded word is encoded, so a reader cannot misread it.
    EXPECT_EQ(encode_header_text("=?x?="), "=?UTF-8?B?PT94Pz0=?=");
}

TEST(MailMessage, JapaneseSubjectBecomesEncodedWordsCutBetweenCharacters) {
    const std::string subject = "【みまもり】あすわ在宅クリニックの代表スタッフ登録のご案内（再送）𠮷";
    const std::string encoded = encode_header_text(subject);
    EXPECT_NE(encoded.find("\r\n "), std::string::npos) << "long subjects fold onto more lines";
    EXPECT_EQ(decode_words(encoded), subject);
}

TEST(MailMessage, DotStuffing) {
    EXPECT_EQ(dot_stuff(".hello\r\n..x\r\nmid.dle\r\n.\r\n"), "..hello\r\n...x\r\nmid.dle\r\n..\r\n");
    EXPECT_EQ(dot_stuff("no dots\r\n"), "no dots\r\n");
}

TEST(MailMessage, DateInJapanTime) {
    EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 09:00:00 +0900");
    EXPECT_EQ(rfc5322_date(1732579500), "Tue, 26 Nov 2024 09:05:00 +0900"); // 2024-11-26T00:05:00Z
    EXPECT_EQ(rfc5322_date(1735657199), "Tue, 31 Dec 2024 23:59:59 +0900");
}

TEST(MailMessage, EightBitBodyWithCrlfLines) {
    MailMessage m{"mimamori@example.jp", "someone@example.jp", "ご案内", "一行目\n.二行目\n", "<id@example.jp>", 0};
    const std::string text = format_message(m, true);
    EXPECT_NE(text.find("Content-Transfer-Encoding: 8bit\r\n"), std::string::npos);
    EXPECT_NE(text.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
    EXPECT_NE(text.find("Message-ID: <id@example.jp>\r\n"), std::string::npos);
    EXPECT_NE(text.find("Date: Thu, 01 Jan 1970 09:00:00 +0900\r\n"), std::string::npos);
    EXPECT_NE(text.find("\r\n\r\n一行目\r\n.二行目\r\n"), std::string::npos);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') {
            EXPECT_EQ(text[i - 1], '\r') << "a bare LF at " << i;
        }
}

TEST(MailMessage, Base64BodyInShortLines) {
    std::string body;
    for (int i = 0; i < 20; ++i) body += "招待リンクを開いてください。\n";
    MailMessage m{"a@example.jp", "b@example.jp", "s", body, "<id@example.jp>", 0};
    const std::string text = format_message(m, false);
    const auto start = text.find("\r\n\r\n") + 4;
    EXPECT_NE(text.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
    std::string encoded;
    for (std::size_t pos = start; pos < text.size();) {
        auto end = text.find("\r\n", pos);
        EXPECT_LE(end - pos, 76u);
        encoded += text.substr(pos, end - pos);
        pos = end + 2;
    }
    auto decoded = encoding::base64_decode(encoded);
    ASSERT_TRUE(decoded.ok());
    std::string expected;
    for (int i = 0; i < 20; ++i) expected += "招待リンクを開いてください。\r\n";
    EXPECT_EQ(to_string(*decoded), expected);
}

TEST(MailMessage, WhatFitsEightBit) {
    EXPECT_TRUE(fits_8bit("short\nlines\r\n"));
    EXPECT_TRUE(fits_8bit(std::string(998, 'a')));
    EXPECT_FALSE(fits_8bit(std::string(999, 'a')));
    EXPECT_FALSE(fits_8bit("bare\rCR"));
    EXPECT_FALSE(fits_8bit(std::string("nul\0", 4)));
}

TEST(MailMessage, MessageIdsAreUniqueAndNameTheSendersDomain) {
    auto a = new_message_id("mimamori@mail.example.jp");
    auto b = new_message_id("mimamori@mail.example.jp");
    EXPECT_NE(a, b);
    EXPECT_EQ(a.front(), '<');
    EXPECT_NE(a.find("@mail.example.jp>"), std::string::npos);
    EXPECT_NE(new_message_id("no-at-sign").find("@localhost>"), std::string::npos);
}

} // namespace
} // namespace mimamori::mail
