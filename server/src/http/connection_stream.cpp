// The streamed answers of a Connection (connection.hpp, "Streaming"): the head is written by
// answer(), then the stream is pulled here, one piece at a time, each only once the socket has
// taken the one before.
#include "http/connection.hpp"

#include <exception>

#include "http/wire.hpp"
#include "log.hpp"

namespace mimamori::http {

void Connection::start_stream(StreamedBody body, bool counted, bool close) {
    Stream& s = m_stream.emplace();
    s.source = std::move(body.source);
    s.chunked = !body.length;
    s.remaining = body.length.value_or(0);
    s.counted = counted;
    s.long_lived = body.long_lived;
    s.close_after = close;
    s.id = ++m_stream_ids;
    if (!s.source) {
        fail_stream("a streamed answer without a source", true);
        return;
    }
    // The waker posts to this connection's worker; the connection (if it still exists) pulls.
    StreamWaker waker([post = m_wire->poster(), weak = weak_from_this(), id = s.id] {
        post([weak, id] {
            if (auto self = weak.lock()) self->on_stream_wake(id);
        });
    });
    try {
        s.source->start(waker);
    } catch (const std::exception& e) {
        fail_stream(std::string("the stream did not start: ") + e.what(), true);
        return;
    }
    pump();
}

void Connection::pump() {
    if (m_pumping) return;
    m_pumping = true;
    while (m_stream && !m_stream->writing && m_phase != Phase::Closed) {
        StreamPiece piece;
        try {
            piece = m_stream->source->pull();
        } catch (const std::exception& e) {
            piece = StreamPiece::fail(e.what());
        }
        if (piece.kind == StreamPiece::Kind::Wait) break;
        if (piece.kind == StreamPiece::Kind::Fail) {
            fail_stream(piece.reason, true);
            break;
        }
        if (piece.kind == StreamPiece::Kind::End) {
            if (!m_stream->chunked && m_stream->remaining > 0) {
                fail_stream("the stream ended " + std::to_string(m_stream->remaining) + " bytes before its length", true);
                break;
            }
            end_stream(); // a pipelined request may start the next stream: the loop pumps it too
            continue;
        }
        const std::string_view data = piece.data_view();
        if (data.empty()) continue;
        if (!m_stream->chunked) {
            if (data.size() > m_stream->remaining) {
                fail_stream("the stream gave more bytes than its length", true);
                break;
            }
            m_stream->remaining -= data.size();
        }
        m_stream->writing = true;
        if (m_stream->chunked) {
            send(chunk_frame(data), Write::Piece);
        } else if (piece.keep) {
            send_shared(std::move(piece.keep), data, Write::Piece); // from where it is, no copy
        } else {
            send(std::move(piece.bytes), Write::Piece);
        }
    }
    m_pumping = false;
}

void Connection::on_stream_wake(std::uint64_t id) {
    if (m_stream && m_stream->id == id && !m_stream->writing) pump();
}

void Connection::end_stream() {
    bool counted = m_stream->counted;
    bool close = m_stream->close_after;
    std::string last = m_stream->chunked ? std::string(k_last_chunk) : std::string();
    m_stream.reset(); // the producer is done: released here, on the worker
    send(std::move(last), counted ? Write::Counted : Write::Plain);
    if (close) {
        start_closing();
        return;
    }
    auto now = Clock::now();
    if (m_phase == Phase::Idle) {
        m_deadline = now + m_settings.idle_timeout;
    } else if (m_phase == Phase::Reading) { // a pipelined request waited for the stream
        m_request_start = now;
        m_deadline = now + m_settings.header_timeout;
        if (!m_processing) process();
    }
}

void Connection::fail_stream(const std::string& reason, bool error) {
    std::string message = "streamed answer cut: " + reason;
    if (error) {
        log::error(message);
    } else {
        log::warning(message);
    }
    m_stream.reset();
    abort(); // its request stays unfinished until the connection is dropped (destructor)
}

} // namespace mimamori::http
