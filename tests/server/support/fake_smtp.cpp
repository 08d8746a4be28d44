#include "support/fake_smtp.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <stdexcept>

namespace mimamori::test {
namespace {

bool send_all(int fd, const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
        ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

// Reads one CRLF line into `line`; false when the peer closed or `stop` was set.
bool read_line(int fd, std::string& buffer, std::string& line, const std::atomic<bool>& stop) {
    for (;;) {
        if (auto end = buffer.find("\r\n"); end != std::string::npos) {
            line = buffer.substr(0, end);
            buffer.erase(0, end + 2);
            return true;
        }
        pollfd p{fd, POLLIN, 0};
        int ready = ::poll(&p, 1, 100);
        if (stop) return false;
        if (ready <= 0) continue;
        char chunk[4096];
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

FakeSmtpServer::FakeSmtpServer(FakeSmtpBehaviour behaviour) : m_behaviour(behaviour) {
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listen, 16) != 0 || ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("the fake SMTP server cannot listen");
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { run(); });
}

FakeSmtpServer::~FakeSmtpServer() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    ::close(m_listen);
}

void FakeSmtpServer::set_behaviour(const FakeSmtpBehaviour& behaviour) {
    std::lock_guard lock(m_mutex);
    m_behaviour = behaviour;
}

std::vector<ReceivedMail> FakeSmtpServer::received() const {
    std::lock_guard lock(m_mutex);
    return m_received;
}

std::vector<std::string> FakeSmtpServer::commands() const {
    std::lock_guard lock(m_mutex);
    return m_commands;
}

bool FakeSmtpServer::wait_for(std::size_t count, int timeout_ms) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return m_received.size() >= count; });
}

void FakeSmtpServer::run() {
    while (!m_stop) {
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        ++m_connections;
        serve(fd); // one client at a time is all the tests need
        ::close(fd);
    }
}

void FakeSmtpServer::serve(int fd) {
    FakeSmtpBehaviour b;
    {
        std::lock_guard lock(m_mutex);
        b = m_behaviour;
    }
    std::string buffer, line;
    if (b.silent) {
        while (read_line(fd, buffer, line, m_stop)) {
        }
        return;
    }
    if (!send_all(fd, "220 fake.example.jp ESMTP ready\r\n")) return;
    ReceivedMail mail;
    while (read_line(fd, buffer, line, m_stop)) {
        {
            std::lock_guard lock(m_mutex);
            m_commands.push_back(line);
        }
        const std::string verb = upper(line.substr(0, line.find(' ')));
        std::string reply;
        if (verb == "EHLO") {
            reply = !b.knows_ehlo ? "500 command not recognized\r\n"
                                  : std::string("250-fake.example.jp greets you\r\n250-SIZE 10240000\r\n") +
                                        (b.eight_bit_mime ? "250-8BITMIME\r\n" : "") + "250 HELP\r\n";
        } else if (verb == "HELO") {
            reply = "250 fake.example.jp\r\n";
        } else if (verb == "MAIL") {
            mail = ReceivedMail{};
            mail.mail_from = line.substr(line.find(':') + 1);
            reply = "250 OK\r\n";
        } else if (verb == "RCPT") {
            if (b.rcpt_reply == 250) mail.rcpt_to.push_back(line.substr(line.find(':') + 1));
            reply = std::to_string(b.rcpt_reply) + (b.rcpt_reply == 250 ? " OK\r\n" : " refused\r\n");
        } else if (verb == "DATA") {
            if (!send_all(fd, "354 end with <CRLF>.<CRLF>\r\n")) return;
            std::string data_line;
            for (;;) {
                if (!read_line(fd, buffer, data_line, m_stop)) return;
                if (data_line == ".") break;
                if (!data_line.empty() && data_line[0] == '.') data_line.erase(0, 1); // dot-unstuffing
                mail.data += data_line + "\r\n";
            }
            reply = std::to_string(b.data_end_reply) + (b.data_end_reply == 250 ? " queued\r\n" : " not now\r\n");
            if (b.data_end_reply == 250) {
                std::lock_guard lock(m_mutex);
                m_received.push_back(mail);
                m_changed.notify_all();
            }
        } else if (verb == "QUIT") {
            send_all(fd, "221 bye\r\n");
            return;
        } else if (verb == "RSET" || verb == "NOOP") {
            reply = "250 OK\r\n";
        } else {
            reply = "502 not implemented\r\n";
        }
        if (!send_all(fd, reply)) return;
    }
}

} // namespace mimamori::test
