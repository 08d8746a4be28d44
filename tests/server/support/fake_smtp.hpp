#pragma once
// A tiny SMTP server for tests, on 127.0.0.1 and a free port, in a thread of its own: it speaks
// just enough RFC 5321 to receive messages (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing,
// RSET, NOOP, QUIT), records what it was sent, and can be told to misbehave: refuse recipients,
// answer a temporary failure, announce no 8BITMIME, not know EHLO, or stay silent.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mimamori::test {

struct FakeSmtpBehaviour {
    bool eight_bit_mime = true;  // announce 8BITMIME after EHLO
    bool knows_ehlo = true;      // false: EHLO gets 500, HELO works (an RFC 821 server)
    int rcpt_reply = 250;        // e.g. 550 (no such user) or 451 (try again later)
    int data_end_reply = 250;    // the answer after the final "."
    bool silent = false;         // accept connections and never say a word
};

struct ReceivedMail {
    std::string mail_from; // the MAIL FROM line's argument, as sent ("<a@b> BODY=8BITMIME")
    std::vector<std::string> rcpt_to;
    std::string data;      // after dot-unstuffing, without the final ".", CRLF line ends
};

class FakeSmtpServer {
public:
    explicit FakeSmtpServer(FakeSmtpBehaviour behaviour = {});
    ~FakeSmtpServer();
    FakeSmtpServer(const FakeSmtpServer&) = delete;
    FakeSmtpServer& operator=(const FakeSmtpServer&) = delete;

    std::uint16_t port() const { return m_port; }
    void set_behaviour(const FakeSmtpBehaviour& behaviour);

    // Messages accepted so far (a 250 after the data).
    std::vector<ReceivedMail> received() const;
    // Waits until `count` messages were accepted (false after `timeout_ms`).
    bool wait_for(std::size_t count, int timeout_ms = 10000) const;
    // Every command line received, in order, across connections.
    std::vector<std::string> commands() const;
    int connections() const { return m_connections.load(); }

private:
    void run();
    void serve(int fd);

    int m_listen = -1;
    std::uint16_t m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    FakeSmtpBehaviour m_behaviour;
    std::vector<ReceivedMail> m_received;
    std::vector<std::string> m_commands;
    std::thread m_thread;
};

} // namespace mimamori::test
