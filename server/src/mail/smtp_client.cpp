#include "mail/smtp_client.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <vector>

namespace mimamori::mail {
namespace {

using Clock = std::chrono::steady_clock;

struct Reply {
    int code = 0;
    std::vector<std::string> lines; // the text after "ddd-" / "ddd "
    std::string summary() const {
        std::string text = std::to_string(code);
        for (const auto& l : lines) text += " " + l;
        return text;
    }
};

// Thrown inside this file only, caught by send_mail(): a failure that ends the conversation.
struct Failed {
    bool permanent;
    std::string message;
};

class Connection {
public:
    explicit Connection(const SmtpSettings& settings) : m_timeout(settings.timeout) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        const std::string port = std::to_string(settings.port);
        if (int rc = ::getaddrinfo(settings.host.c_str(), port.c_str(), &hints, &found); rc != 0)
            throw Failed{false, "cannot resolve " + settings.host + ": " + ::gai_strerror(rc)};
        std::string last_error = "no address";
        for (addrinfo* a = found; a != nullptr && m_fd < 0; a = a->ai_next) {
            int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
            if (fd < 0) continue;
            if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0 || (errno == EINPROGRESS && wait_connected(fd, last_error))) {
                m_fd = fd;
            } else {
                if (errno != EINPROGRESS) last_error = std::strerror(errno);
                ::close(fd);
            }
        }
        ::freeaddrinfo(found);
        if (m_fd < 0)
            throw Failed{false, "cannot connect to " + settings.host + ":" + port + ": " + last_error};
    }
    ~Connection() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void write(std::string_view bytes) {
        const auto deadline = Clock::now() + m_timeout;
        while (!bytes.empty()) {
            ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n > 0) {
                bytes.remove_prefix(static_cast<std::size_t>(n));
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
                wait(POLLOUT, deadline, "sending");
            } else {
                throw Failed{false, std::string("the connection broke while sending: ") + std::strerror(errno)};
            }
        }
    }

    // One reply, multi-line ones whole ("250-a" ... "250 z").
    Reply read_reply() {
        const auto deadline = Clock::now() + m_timeout;
        Reply reply;
        for (;;) {
            std::string line = read_line(deadline);
            if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])) ||
                !std::isdigit(static_cast<unsigned char>(line[1])) || !std::isdigit(static_cast<unsigned char>(line[2])) ||
                (line.size() > 3 && line[3] != ' ' && line[3] != '-'))
                throw Failed{false, "the mail server sent something that is not an SMTP reply: " + line.substr(0, 80)};
            const int code = std::stoi(line.substr(0, 3));
            if (reply.code != 0 && code != reply.code)
                throw Failed{false, "the mail server changed the code within one reply"};
            reply.code = code;
            reply.lines.push_back(line.size() > 4 ? line.substr(4) : "");
            if (line.size() == 3 || line[3] == ' ') return reply;
        }
    }

private:
    bool wait_connected(int fd, std::string& error) {
        pollfd p{fd, POLLOUT, 0};
        int ready = ::poll(&p, 1, static_cast<int>(m_timeout.count()));
        if (ready <= 0) {
            error = "timed out";
            return false;
        }
        int so_error = 0;
        socklen_t len = sizeof so_error;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
        if (so_error != 0) error = std::strerror(so_error);
        return so_error == 0;
    }

    void wait(short events, Clock::time_point deadline, const char* doing) {
        for (;;) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) throw Failed{false, std::string("the mail server did not answer in time (") + doing + ")"};
            pollfd p{m_fd, events, 0};
            int ready = ::poll(&p, 1, static_cast<int>(left));
            if (ready > 0) return;
            if (ready < 0 && errno != EINTR) throw Failed{false, std::string("poll failed: ") + std::strerror(errno)};
        }
    }

    std::string read_line(Clock::time_point deadline) {
        for (;;) {
            if (auto end = m_buffer.find("\r\n"); end != std::string::npos) {
                std::string line = m_buffer.substr(0, end);
                m_buffer.erase(0, end + 2);
                return line;
            }
            if (m_buffer.size() > 4096) throw Failed{false, "the mail server sent an overlong reply line"};
            char chunk[1024];
            ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (n > 0) {
                m_buffer.append(chunk, static_cast<std::size_t>(n));
            } else if (n == 0) {
                throw Failed{false, "the mail server closed the connection"};
            } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                wait(POLLIN, deadline, "waiting for a reply");
            } else {
                throw Failed{false, std::string("the connection broke: ") + std::strerror(errno)};
            }
        }
    }

    std::chrono::milliseconds m_timeout;
    int m_fd = -1;
    std::string m_buffer;
};

// Sends a command and checks that its reply has one of the expected codes (by first digit when
// `expected` is 2 or 3).
Reply command(Connection& c, const std::string& line, int expected_class, const char* what) {
    c.write(line + "\r\n");
    Reply reply = c.read_reply();
    if (reply.code / 100 != expected_class)
        throw Failed{reply.code / 100 == 5, std::string(what) + " refused: " + reply.summary()};
    return reply;
}

bool announces(const Reply& ehlo, std::string_view extension) {
    for (std::size_t i = 1; i < ehlo.lines.size(); ++i) { // the first line is the greeting
        std::string_view line = ehlo.lines[i];
        std::string_view keyword = line.substr(0, line.find(' '));
        if (keyword.size() == extension.size() &&
            std::equal(keyword.begin(), keyword.end(), extension.begin(),
                       [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; }))
            return true;
    }
    return false;
}

} // namespace

SmtpOutcome send_mail(const SmtpSettings& settings, const MailMessage& message) {
    try {
        Connection c(settings);
        Reply greeting = c.read_reply();
        if (greeting.code != 220)
            throw Failed{greeting.code / 100 == 5, "the mail server did not greet: " + greeting.summary()};
        c.write("EHLO " + settings.helo_name + "\r\n");
        Reply ehlo = c.read_reply();
        bool eight_bit = false;
        if (ehlo.code == 250) {
            eight_bit = announces(ehlo, "8BITMIME") && fits_8bit(message.body);
        } else { // an RFC 821 server: HELO, and 7-bit only
            command(c, "HELO " + settings.helo_name, 2, "HELO");
        }
        command(c, "MAIL FROM:<" + message.from + ">" + (eight_bit ? " BODY=8BITMIME" : ""), 2, "the sender");
        command(c, "RCPT TO:<" + message.to + ">", 2, "the recipient");
        command(c, "DATA", 3, "DATA");
        std::string data = dot_stuff(format_message(message, eight_bit));
        data += ".\r\n";
        c.write(data);
        Reply accepted = c.read_reply();
        if (accepted.code / 100 != 2)
            throw Failed{accepted.code / 100 == 5, "the message was refused: " + accepted.summary()};
        try { // delivered now whatever QUIT does
            c.write("QUIT\r\n");
            c.read_reply();
        } catch (const Failed&) {
        }
        return SmtpOutcome{true, false, {}};
    } catch (const Failed& f) {
        return SmtpOutcome{false, f.permanent, f.message};
    } catch (const std::exception& e) {
        return SmtpOutcome{false, false, e.what()};
    }
}

} // namespace mimamori::mail
