#include "http/request_reader.hpp"

#include <algorithm>
#include <charconv>

namespace mimamori::http {
namespace {

constexpr std::size_t k_max_target = 8 * 1024;
constexpr std::size_t k_max_chunk_line = 1024;

// RFC 9110 §5.6.2 token characters.
bool is_tchar(char c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_tchar); }

// Field values: visible characters, space, tab and obs-text; no other control character (a bare
// CR or LF inside a line would let a request smuggle a second one past a proxy).
bool is_field_value(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u == '\t' || (u >= 0x20 && u != 0x7f);
    });
}

template <typename T>
bool parse_number(std::string_view s, T& out, int base) {
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
    return ec == std::errc{} && end == s.data() + s.size();
}

} // namespace

RequestReader::RequestReader(ReaderLimits limits) : m_limits(limits) {}

void RequestReader::append(std::string_view bytes) {
    if (m_stage != Stage::Failed) m_buffer.append(bytes);
}

RequestReader::State RequestReader::advance() {
    switch (m_stage) {
    case Stage::Head: return read_head();
    case Stage::Body: return read_body();
    case Stage::Done: return State::Complete;
    case Stage::Failed: return State::Failed;
    }
    return State::Failed;
}

Request RequestReader::take() {
    Request done = std::move(m_request);
    m_buffer.erase(0, m_consumed);
    m_request = Request{};
    m_stage = Stage::Head;
    m_scan = m_body_start = m_consumed = 0;
    m_framing = Framing::None;
    m_content_length = 0;
    m_expects_continue = false;
    m_planned = m_streamed = false;
    m_body_limit = 0;
    m_streamed_bytes = 0;
    m_piece_start = m_piece_size = 0;
    return done;
}

bool RequestReader::wants_close() const {
    if (m_request.version == Version::Http10) return true;
    for (auto value : m_request.headers.all("Connection"))
        if (list_has_token(value, "close")) return true;
    return false;
}

RequestReader::State RequestReader::fail(int status, std::string message) {
    m_stage = Stage::Failed;
    m_error = ReadError{status, std::move(message)};
    m_buffer.clear();
    return State::Failed;
}

bool RequestReader::reject(int status, std::string message) {
    fail(status, std::move(message));
    return false;
}

std::string RequestReader::body_too_large() const {
    return "the request body is larger than " + std::to_string(m_body_limit) + " bytes";
}

bool RequestReader::plan_body(std::size_t max_bytes, bool streamed) {
    if (m_stage != Stage::Body) return m_stage != Stage::Failed;
    m_planned = true;
    m_body_limit = max_bytes;
    m_streamed = streamed;
    // Refused from the head alone: the body is never buffered.
    if (m_framing == Framing::Length && m_content_length > m_body_limit) {
        fail(413, body_too_large());
        return false;
    }
    if (streamed) { // the head is parsed: from here on the buffer holds only body bytes
        m_buffer.erase(0, m_body_start);
        m_chunk_pos -= m_body_start;
        m_body_start = 0;
    }
    return true;
}

void RequestReader::consume_body_piece() {
    m_streamed_bytes += m_piece_size;
    if (m_framing == Framing::Chunked) {
        // The chunk-size lines before the piece go too, so a body of many small chunks does not
        // pile them up.
        m_buffer.erase(0, m_piece_start + m_piece_size);
        m_chunk_pos = 0;
        m_chunk_left -= m_piece_size;
        if (m_chunk_left == 0) m_chunk_stage = ChunkStage::DataEnd;
    } else {
        m_buffer.erase(m_piece_start, m_piece_size);
    }
    m_piece_size = 0;
}

RequestReader::State RequestReader::read_head() {
    // RFC 9112 §2.2: empty lines before a request line are ignored.
    std::size_t skip = 0;
    while (m_buffer.compare(skip, 2, "\r\n") == 0) skip += 2;
    if (skip > 0) {
        m_buffer.erase(0, skip);
        m_scan = 0;
    }
    auto end = m_buffer.find("\r\n\r\n", m_scan);
    if (end == std::string::npos) {
        if (m_buffer.size() > m_limits.max_head_bytes) return fail(431, "the request head is too large");
        m_scan = m_buffer.size() >= 3 ? m_buffer.size() - 3 : 0;
        return State::NeedMore;
    }
    if (end + 4 > m_limits.max_head_bytes) return fail(431, "the request head is too large");
    if (!parse_head(std::string_view(m_buffer).substr(0, end + 2)) || !parse_framing()) return State::Failed;
    m_body_start = end + 4;
    m_chunk_pos = m_body_start;
    m_chunk_stage = ChunkStage::Size;
    m_stage = Stage::Body;
    return State::HeadReady;
}

bool RequestReader::parse_head(std::string_view head) {
    auto line_end = head.find("\r\n");
    std::string_view line = head.substr(0, line_end);
    auto sp1 = line.find(' ');
    auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos) return reject(400, "malformed request line");
    std::string_view method = line.substr(0, sp1);
    std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    std::string_view version = line.substr(sp2 + 1);
    if (!is_token(method) || method.size() > 32) return reject(400, "malformed request method");
    if (target.empty() || target.size() > k_max_target ||
        !std::all_of(target.begin(), target.end(), [](char c) { return c > 0x20 && c < 0x7f; }))
        return reject(400, "malformed request target");
    if (version == "HTTP/1.1") {
        m_request.version = Version::Http11;
    } else if (version == "HTTP/1.0") {
        m_request.version = Version::Http10;
    } else if (version.size() == 8 && version.starts_with("HTTP/") && version[6] == '.') {
        return reject(505, "only HTTP/1.0 and HTTP/1.1 are supported");
    } else {
        return reject(400, "malformed HTTP version");
    }
    m_request.method.assign(method);
    m_request.target.assign(target);

    std::string_view rest = head.substr(line_end + 2);
    while (!rest.empty()) {
        auto eol = rest.find("\r\n");
        std::string_view field = rest.substr(0, eol);
        rest.remove_prefix(eol + 2);
        if (field.front() == ' ' || field.front() == '\t')
            return reject(400, "folded header lines are not accepted");
        auto colon = field.find(':');
        if (colon == std::string_view::npos || !is_token(field.substr(0, colon)))
            return reject(400, "malformed header field");
        std::string_view value = trim_ows(field.substr(colon + 1));
        if (!is_field_value(value)) return reject(400, "control character in a header field");
        if (m_request.headers.fields().size() >= m_limits.max_header_fields)
            return reject(431, "too many header fields");
        m_request.headers.add(std::string(field.substr(0, colon)), std::string(value));
    }
    return true;
}

bool RequestReader::parse_framing() {
    const Headers& h = m_request.headers;
    if (m_request.version == Version::Http11 && h.count("Host") != 1)
        return reject(400, "exactly one Host header is required");

    auto transfer = h.all("Transfer-Encoding");
    auto lengths = h.all("Content-Length");
    if (!transfer.empty()) {
        // Both framings at once is how requests are smuggled past proxies: refuse (RFC 9112 §6.3).
        if (!lengths.empty()) return reject(400, "Content-Length and Transfer-Encoding together");
        if (m_request.version == Version::Http10) return reject(400, "Transfer-Encoding in HTTP/1.0");
        if (transfer.size() != 1 || !iequals(trim_ows(transfer.front()), "chunked"))
            return reject(501, "only the chunked transfer coding is supported");
        m_framing = Framing::Chunked;
    } else if (!lengths.empty()) {
        std::optional<std::uint64_t> length;
        for (std::string_view value : lengths) {
            while (!value.empty()) {
                auto comma = value.find(',');
                std::uint64_t n = 0;
                std::string_view item = trim_ows(value.substr(0, comma));
                if (item.size() > 18 || !parse_number(item, n, 10) || (length && *length != n))
                    return reject(400, "invalid Content-Length");
                length = n;
                value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
            }
        }
        if (!length) return reject(400, "invalid Content-Length");
        m_content_length = *length; // checked against the limit by plan_body()
        m_framing = *length > 0 ? Framing::Length : Framing::None;
    }

    if (auto expect = h.get("Expect")) {
        if (!iequals(*expect, "100-continue")) return reject(417, "only Expect: 100-continue is supported");
        m_expects_continue = m_request.version == Version::Http11 && m_framing != Framing::None;
    }
    return true;
}

RequestReader::State RequestReader::read_body() {
    if (!m_planned && !plan_body(m_limits.max_body_bytes, false)) return State::Failed;
    if (m_framing == Framing::Chunked) return read_chunked();
    if (m_framing == Framing::Length && m_streamed) {
        if (m_streamed_bytes < m_content_length) {
            auto available = std::min<std::uint64_t>(m_buffer.size(), m_content_length - m_streamed_bytes);
            if (available == 0) return State::NeedMore;
            m_piece_start = 0;
            m_piece_size = static_cast<std::size_t>(available);
            return State::BodyData;
        }
        m_consumed = 0;
        m_stage = Stage::Done;
        return State::Complete;
    }
    if (m_framing == Framing::Length) {
        if (m_buffer.size() - m_body_start < m_content_length) return State::NeedMore;
        m_request.body.assign(m_buffer, m_body_start, static_cast<std::size_t>(m_content_length));
    }
    m_consumed = m_body_start + static_cast<std::size_t>(m_content_length);
    m_stage = Stage::Done;
    return State::Complete;
}

RequestReader::State RequestReader::read_chunked() {
    std::string& body = m_request.body;
    while (true) {
        switch (m_chunk_stage) {
        case ChunkStage::Size: {
            auto eol = m_buffer.find("\r\n", m_chunk_pos);
            if (eol == std::string::npos) {
                if (m_buffer.size() - m_chunk_pos > k_max_chunk_line) return fail(400, "malformed chunk size");
                return State::NeedMore;
            }
            std::string_view line(m_buffer.data() + m_chunk_pos, eol - m_chunk_pos);
            std::string_view hex = trim_ows(line.substr(0, line.find(';')));
            std::uint64_t size = 0;
            if (hex.size() > 15 || !parse_number(hex, size, 16)) return fail(400, "malformed chunk size");
            m_chunk_pos = eol + 2;
            if (size == 0) {
                m_chunk_stage = ChunkStage::Trailer;
            } else if (body_so_far() + size > m_body_limit) {
                return fail(413, body_too_large());
            } else {
                m_chunk_left = size;
                m_chunk_stage = ChunkStage::Data;
            }
            break;
        }
        case ChunkStage::Data: {
            if (m_streamed) {
                auto available = std::min<std::uint64_t>(m_chunk_left, m_buffer.size() - m_chunk_pos);
                if (available == 0) return State::NeedMore;
                m_piece_start = m_chunk_pos;
                m_piece_size = static_cast<std::size_t>(available);
                return State::BodyData; // consume_body_piece() moves to DataEnd at the chunk's end
            }
            auto take = static_cast<std::size_t>(std::min<std::uint64_t>(m_chunk_left, m_buffer.size() - m_chunk_pos));
            body.append(m_buffer, m_chunk_pos, take);
            m_chunk_pos += take;
            m_chunk_left -= take;
            if (m_chunk_left > 0) {
                // Drop what is decoded, so a large body is not held twice.
                m_buffer.erase(0, m_chunk_pos);
                m_chunk_pos = m_body_start = 0;
                return State::NeedMore;
            }
            m_chunk_stage = ChunkStage::DataEnd;
            break;
        }
        case ChunkStage::DataEnd:
            if (m_buffer.size() - m_chunk_pos < 2) return State::NeedMore;
            if (m_buffer.compare(m_chunk_pos, 2, "\r\n") != 0) return fail(400, "malformed chunk");
            m_chunk_pos += 2;
            m_chunk_stage = ChunkStage::Size;
            break;
        case ChunkStage::Trailer: {
            auto eol = m_buffer.find("\r\n", m_chunk_pos);
            if (eol == std::string::npos) {
                if (m_buffer.size() - m_chunk_pos > m_limits.max_head_bytes) return fail(431, "the trailer is too large");
                return State::NeedMore;
            }
            bool last = eol == m_chunk_pos; // trailer fields are read past and ignored
            m_chunk_pos = eol + 2;
            if (last) {
                m_consumed = m_chunk_pos;
                m_stage = Stage::Done;
                return State::Complete;
            }
            break;
        }
        }
    }
}

} // namespace mimamori::http
