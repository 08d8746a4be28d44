#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace mimamori::test {
namespace {

bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

bool has_header(const HeaderList& headers, std::string_view name) {
    for (const auto& [n, v] : headers)
        if (same_name(n, name)) return true;
    return false;
}

int remaining_ms(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

} // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
    for (const auto& [n, v] : headers)
        if (same_name(n, name)) return v;
    return std::nullopt;
}

std::optional<std::string> HttpResponse::cookie(std::string_view name) const {
    for (const auto& [n, v] : headers) {
        if (!same_name(n, "Set-Cookie")) continue;
        auto eq = v.find('=');
        if (eq == std::string::npos || std::string_view(v).substr(0, eq) != name) continue;
        auto end = v.find(';');
        return v.substr(eq + 1, end == std::string::npos ? std::string::npos : end - eq - 1);
    }
    return std::nullopt;
}

Json HttpResponse::json() const { return Json::parse(body, nullptr, false); }

std::string HttpResponse::error_code() const {
    Json j = json();
    if (!j.is_object() || !j.contains("error") || !j["error"].contains("code")) return "";
    return j["error"]["code"].get<std::string>();
}

HttpConnection::HttpConnection(std::uint16_t port, int receive_buffer) {
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd >= 0 && receive_buffer > 0)
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (m_fd < 0 || ::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        throw std::runtime_error("cannot connect to port " + std::to_string(port));
    int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

HttpConnection::~HttpConnection() {
    if (m_fd >= 0) ::close(m_fd);
}

HttpConnection::HttpConnection(HttpConnection&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_buffer(std::move(other.m_buffer)) {}

void HttpConnection::send(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("send failed: the server closed the connection");
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void HttpConnection::send_request(const std::string& method, const std::string& target, const HeaderList& headers,
                                  const std::string& body) {
    std::string text = method + " " + target + " HTTP/1.1\r\n";
    if (!has_header(headers, "Host")) text += "Host: test\r\n";
    bool has_body = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
    if (has_body && !has_header(headers, "Content-Length") && !has_header(headers, "Transfer-Encoding"))
        text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    for (const auto& [name, value] : headers) text += name + ": " + value + "\r\n";
    text += "\r\n" + body;
    send(text);
}

bool HttpConnection::fill(std::chrono::steady_clock::time_point deadline) {
    pollfd p{m_fd, POLLIN, 0};
    int ready = ::poll(&p, 1, remaining_ms(deadline));
    if (ready == 0) throw std::runtime_error("timed out waiting for the server");
    char chunk[65536];
    ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    m_buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
}

std::string HttpConnection::take_line(std::chrono::steady_clock::time_point deadline) {
    std::size_t eol;
    while ((eol = m_buffer.find("\r\n")) == std::string::npos)
        if (!fill(deadline)) throw std::runtime_error("the server closed the connection before a complete answer");
    std::string line = m_buffer.substr(0, eol);
    m_buffer.erase(0, eol + 2);
    return line;
}

std::string HttpConnection::take(std::size_t n, std::chrono::steady_clock::time_point deadline) {
    while (m_buffer.size() < n)
        if (!fill(deadline)) throw std::runtime_error("the server closed the connection in the middle of a body");
    std::string out = m_buffer.substr(0, n);
    m_buffer.erase(0, n);
    return out;
}

HttpResponse HttpConnection::read_head(std::chrono::milliseconds timeout) {
    return read_response(true, timeout);
}

std::string HttpConnection::read_some(std::size_t max, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    if (m_buffer.empty() && !fill(deadline)) throw std::runtime_error("the server closed the connection");
    std::string out = m_buffer.substr(0, max);
    m_buffer.erase(0, out.size());
    return out;
}

HttpResponse HttpConnection::read_response(bool head_request, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    HttpResponse r;
    std::string status_line = take_line(deadline);
    if (status_line.rfind("HTTP/1.1 ", 0) != 0 || status_line.size() < 12)
        throw std::runtime_error("not an HTTP/1.1 status line: " + status_line);
    r.status = std::stoi(status_line.substr(9, 3));
    for (std::string line = take_line(deadline); !line.empty(); line = take_line(deadline)) {
        auto colon = line.find(':');
        if (colon == std::string::npos) throw std::runtime_error("malformed header line: " + line);
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers.emplace_back(line.substr(0, colon), value);
    }
    if (head_request || r.status < 200 || r.status == 204 || r.status == 304) return r;
    if (auto te = r.header("Transfer-Encoding"); te && same_name(*te, "chunked")) {
        for (std::size_t size; (size = std::stoul(take_line(deadline), nullptr, 16)) > 0;) {
            r.body += take(size, deadline);
            take_line(deadline);
        }
        take_line(deadline);
    } else if (auto length = r.header("Content-Length")) {
        r.body = take(std::stoul(*length), deadline);
    } else {
        throw std::runtime_error("an answer without Content-Length");
    }
    return r;
}

HttpResponse HttpConnection::request(const std::string& method, const std::string& target, const HeaderList& headers,
                                     const std::string& body) {
    send_request(method, target, headers, body);
    return read_response(method == "HEAD");
}

bool HttpConnection::wait_closed(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    m_buffer.clear();
    try {
        while (fill(deadline)) m_buffer.clear();
        return true;
    } catch (const std::runtime_error&) {
        return false;
    }
}

void HttpConnection::shutdown_write() { ::shutdown(m_fd, SHUT_WR); }

void HttpConnection::reset() {
    linger l{1, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(m_fd);
    m_fd = -1;
}

HttpResponse http_request(std::uint16_t port, const std::string& method, const std::string& target,
                          const HeaderList& headers, const std::string& body) {
    HttpConnection c(port);
    return c.request(method, target, headers, body);
}

} // namespace mimamori::test
