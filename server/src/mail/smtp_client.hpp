#pragma once
// A plain SMTP client (RFC 5321) for the invitation mail: one connection per message, EHLO (HELO
// when the server does not know EHLO), MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. The body
// goes as 8bit when the server announces 8BITMIME, else base64 (mail_message.hpp). No TLS and no
// authentication: the server hands mail to a relay on its own network (the region's mail server
// or a local Postfix), which carries it on.

#include <chrono>
#include <cstdint>
#include <string>

#include "mail/mail_message.hpp"

namespace mimamori::mail {

struct SmtpSettings {
    std::string host;                          // name or address of the relay
    std::uint16_t port = 25;
    std::chrono::milliseconds timeout{10000};  // for the connection and for each reply
    std::string helo_name = "localhost";       // this host's name in EHLO
};

struct SmtpOutcome {
    bool delivered = false;
    // A 5xx answer: sending the same message again will fail the same way (a refused address).
    // Anything else that fails (4xx, no connection, a timeout, a broken reply) may pass later.
    bool permanent = false;
    std::string error; // what went wrong, with the server's reply when there was one
};

// Delivers `message` to the relay. Never throws; blocks for at most a few `timeout`s.
SmtpOutcome send_mail(const SmtpSettings& settings, const MailMessage& message);

} // namespace mimamori::mail
