#pragma once
// Reads HTTP/1.1 requests from the bytes of one connection, as they arrive in pieces.
//
// Why not Pistache's own parser: Pistache 0.0.5's Http::Handler counts headers into its request
// size limit, hangs the connection after its own 413, drops pipelined requests, never answers
// "Expect: 100-continue", and keeps its onInput private, so none of that can be fixed from a
// subclass. The server therefore uses Pistache's TCP layer (accept, epoll workers, write queues)
// and reads HTTP itself, here, with limits that are checked before a body is buffered.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace mimamori::http {

struct ReaderLimits {
    std::size_t max_head_bytes = 16 * 1024; // request line and header fields
    std::size_t max_header_fields = 100;
    std::size_t max_body_bytes = 1024 * 1024;
};

// Why a request cannot be read: the status to answer (400, 413, 417, 431, 505) and a message for
// the client. The connection is closed after answering, since the stream's framing is lost.
struct ReadError {
    int status = 400;
    std::string message;
};

class RequestReader {
public:
    enum class State {
        NeedMore,  // wait for more bytes
        HeadReady, // the head is read (reported once per request); the body is not yet
        BodyData,  // a streamed body's next bytes: body_piece(), then consume_body_piece()
        Complete,  // a whole request is ready: take() it
        Failed,    // see error()
    };

    explicit RequestReader(ReaderLimits limits);

    void append(std::string_view bytes);
    // Moves on as far as the buffered bytes allow.
    State advance();

    // The request read so far (its head once HeadReady has been reported).
    const Request& request() const { return m_request; }
    Request& request() { return m_request; }
    // Takes the complete request; the reader then starts on the bytes after it (pipelining).
    Request take();
    const ReadError& error() const { return m_error; }

    // After HeadReady, before advancing: how this request's body is read. `max_bytes` replaces the
    // limit (a Content-Length over it fails now, with 413, before any byte of the body is read);
    // `streamed` hands the body out in pieces (BodyData) instead of collecting it in
    // Request::body, so that no more than one read's worth of it is ever buffered. False when it
    // failed. Without a call, the body is collected with ReaderLimits::max_body_bytes.
    bool plan_body(std::size_t max_bytes, bool streamed);
    // The piece reported by BodyData, valid until consume_body_piece(), which must follow before
    // the next advance().
    std::string_view body_piece() const { return std::string_view(m_buffer).substr(m_piece_start, m_piece_size); }
    void consume_body_piece();

    // True when nothing of a next request has arrived yet.
    bool idle() const { return m_stage == Stage::Head && m_buffer.empty(); }
    // Bytes received and not yet taken.
    std::size_t buffered() const { return m_buffer.size(); }
    // The client sent "Expect: 100-continue" and waits for the interim answer before the body.
    bool expects_continue() const { return m_expects_continue; }
    // No byte of the body is buffered yet.
    bool body_not_started() const { return m_buffer.size() <= m_body_start; }
    // The client asked to close the connection after this request ("Connection: close", or
    // HTTP/1.0, which this server never keeps alive).
    bool wants_close() const;

private:
    enum class Stage { Head, Body, Done, Failed };
    enum class Framing { None, Length, Chunked };
    enum class ChunkStage { Size, Data, DataEnd, Trailer };

    State fail(int status, std::string message);
    std::uint64_t body_so_far() const { return m_streamed ? m_streamed_bytes : m_request.body.size(); }
    bool reject(int status, std::string message); // fail() for the parse_* steps
    std::string body_too_large() const;
    State read_head();
    State read_body();
    State read_chunked();
    bool parse_head(std::string_view head);
    bool parse_framing();

    ReaderLimits m_limits;
    std::string m_buffer;
    Stage m_stage = Stage::Head;
    std::size_t m_scan = 0;       // where to look for the end of the head next
    std::size_t m_body_start = 0; // offset of the body in m_buffer
    std::size_t m_consumed = 0;   // bytes of m_buffer that belong to the complete request
    Framing m_framing = Framing::None;
    std::uint64_t m_content_length = 0;
    ChunkStage m_chunk_stage = ChunkStage::Size;
    std::size_t m_chunk_pos = 0;  // next unread byte of the chunked body
    std::uint64_t m_chunk_left = 0;
    bool m_expects_continue = false;
    bool m_planned = false;              // plan_body() ran for this request
    bool m_streamed = false;             // the body goes out in pieces
    std::size_t m_body_limit = 0;
    std::uint64_t m_streamed_bytes = 0;  // of a streamed body, consumed so far
    std::size_t m_piece_start = 0;       // the piece reported by BodyData
    std::size_t m_piece_size = 0;
    Request m_request;
    ReadError m_error;
};

} // namespace mimamori::http
