#include "http/connection.hpp"

#include <exception>

#include "http/wire.hpp"
#include "log.hpp"

namespace mimamori::http {
namespace {

// Errors raised while reading a request, before any handler: the status says what happened;
// the code is the nearest the shared vocabulary has.
ErrorCode code_for_read_error(int status) {
    switch (status) {
    case 413: return ErrorCode::PayloadTooLarge;
    case 431: return ErrorCode::HeadersTooLarge;
    case 408: return ErrorCode::RequestTimeout;
    default: return ErrorCode::InvalidInput;
    }
}

Response internal_error() { return Response::error(Error::make(ErrorCode::Internal, "an unexpected error occurred")); }

} // namespace

Connection::Connection(std::unique_ptr<Wire> wire, std::string client_address, const ConnectionSettings& settings,
                       RequestHandler& handler, Activity& activity)
    : m_wire(std::move(wire)), m_client_address(std::move(client_address)), m_settings(settings),
      m_handler(handler), m_activity(activity), m_reader(settings.limits),
      // A new connection must start its first request as promptly as a head must arrive.
      m_deadline(Clock::now() + settings.header_timeout) {}

Connection::~Connection() {
    drop_sink();
    m_stream.reset(); // the producer learns here that its client is gone
    m_activity.requests_finished(m_unfinished);
}

void Connection::on_input(std::string_view bytes) {
    if (m_phase == Phase::Closing || m_phase == Phase::Closed) return; // lingering: drop
    if (m_phase == Phase::Idle) {
        m_phase = Phase::Reading;
        m_request_start = Clock::now();
        m_deadline = m_request_start + m_settings.header_timeout;
    }
    m_reader.append(bytes);
    bool waiting = m_unfinished >= k_pipeline_depth || m_stream || m_held;
    if (waiting && m_reader.buffered() > m_settings.limits.max_head_bytes + m_settings.limits.max_body_bytes) {
        log::warning("dropping a client that pipelines requests without reading the answers");
        abort();
        return;
    }
    process();
}

void Connection::process() {
    m_processing = true;
    while (m_phase == Phase::Reading && m_unfinished < k_pipeline_depth && !m_stream && !m_held && step()) {}
    m_processing = false;
}

bool Connection::step() {
    switch (m_reader.advance()) {
    case RequestReader::State::NeedMore:
        return false;
    case RequestReader::State::HeadReady:
        return on_head();
    case RequestReader::State::BodyData:
        return on_body_piece();
    case RequestReader::State::Failed: {
        const ReadError& e = m_reader.error();
        bool counted = m_sink_counted; // a streamed body's request already counts as in flight
        drop_sink();
        answer(Response::error(e.status, Error::make(code_for_read_error(e.status), e.message)), m_reader.request(), true,
               counted);
        return false;
    }
    case RequestReader::State::Complete: {
        bool close = m_reader.wants_close();
        if (m_sink) { // the second call of a streamed-body route
            Request request = m_reader.take();
            request.client_address = m_client_address;
            request.body_sink = std::move(m_sink);
            m_sink_counted = false;
            Response response = run_handler(request);
            request.body_sink.reset();
            respond(std::move(response), request, close);
        } else {
            dispatch(m_reader.take(), close);
        }
        if (m_phase != Phase::Reading) return false;
        m_request_start = Clock::now();
        if (m_reader.idle()) {
            m_phase = Phase::Idle;
            m_deadline = m_request_start + m_settings.idle_timeout;
        } else { // a pipelined request follows
            m_deadline = m_request_start + m_settings.header_timeout;
        }
        return true;
    }
    }
    return false;
}

bool Connection::on_head() {
    m_deadline = Clock::now() + m_settings.body_timeout;
    BodyPlan plan;
    try {
        plan = m_handler.plan_body(m_reader.request());
    } catch (const std::exception& e) { // the Dispatcher does not throw; this is the last net
        log::error(std::string("cannot plan a request body: ") + e.what());
    }
    // Over the limit: the reader has failed with 413, which the next step answers.
    if (!m_reader.plan_body(plan.max_bytes.value_or(m_settings.limits.max_body_bytes), plan.streamed)) return true;
    if (plan.streamed) {
        Request head = m_reader.request();
        head.client_address = m_client_address;
        head.body_follows = true;
        m_activity.request_started();
        ++m_unfinished;
        Response response = run_handler(head);
        if (!response.body_sink) { // refused before its body: the body is never read
            respond(std::move(response), head, true);
            return false;
        }
        m_sink = std::move(response.body_sink);
        m_sink_counted = true;
    }
    if (m_reader.expects_continue() && m_reader.body_not_started()) send(std::string(k_continue_response), Write::Plain);
    return true;
}

bool Connection::on_body_piece() {
    // A streamed body may take long as a whole; only a pause between pieces is too slow.
    m_deadline = Clock::now() + m_settings.body_timeout;
    Status written = Error::make(ErrorCode::Internal, "no sink");
    try {
        if (m_sink) written = m_sink->write(m_reader.body_piece());
    } catch (const std::exception& e) {
        log::error(std::string("a request body could not be stored: ") + e.what());
        written = Error::make(ErrorCode::Internal, "the upload could not be stored");
    }
    m_reader.consume_body_piece();
    if (written) return true;
    // The rest of the body is not read: answer now and close.
    Request head = m_reader.request();
    drop_sink();
    m_sink_counted = false;
    answer(Response::error(written.error()), head, true, true);
    return false;
}

Response Connection::run_handler(Request& request) {
    try {
        return m_handler.handle(request);
    } catch (const std::exception& e) { // the Dispatcher catches everything; this is the last net
        log::error(std::string("unhandled exception while answering a request: ") + e.what());
        return internal_error();
    }
}

void Connection::dispatch(Request request, bool close) {
    request.client_address = m_client_address;
    m_activity.request_started();
    ++m_unfinished;
    Response response = run_handler(request);
    if (response.body_sink) { // Response::read_body from a route without streamed_body
        log::error("a route answered read_body() without RouteOptions::streamed_body: " + request.method + " " +
                   request.path);
        response = internal_error();
    }
    respond(std::move(response), request, close);
}

void Connection::respond(Response response, Request& request, bool close) {
    close = close || response.close_connection;
    if (!response.after) {
        answer(std::move(response), request, close, true);
        return;
    }
    auto after = std::move(response.after);
    m_held = Held{std::move(response), std::move(request), close, m_request_start};
    // The completion may come from any thread, even before after() returns: it only posts.
    after([post = m_wire->poster(), weak = weak_from_this()](Response::Instead instead) {
        post([weak, instead = std::make_shared<Response::Instead>(std::move(instead))] {
            if (auto self = weak.lock()) self->on_after(std::move(*instead));
        });
    });
}

void Connection::on_after(Response::Instead instead) {
    if (!m_held) return;
    Held held = std::move(*m_held);
    m_held.reset();
    if (m_phase == Phase::Closed) return; // dropped meanwhile (a client flooding us)
    auto start = m_request_start;
    m_request_start = held.start;
    if (held.response.again && !instead) {
        Response response = run_handler(held.request);
        respond(std::move(response), held.request, held.close); // may be held again (its entries)
    } else {
        if (instead) {
            held.response = std::move(*instead);
            held.close = held.close || held.response.close_connection;
        }
        answer(std::move(held.response), held.request, held.close || m_close_after_held, true);
    }
    m_request_start = start;
    if (!m_held && m_phase == Phase::Reading) process(); // a pipelined request waited for this answer
}

void Connection::answer(Response response, const Request& request, bool close, bool counted) {
    Framing framing;
    framing.head_request = request.is_head();
    framing.keep_alive = !close;
    framing.api = request.path.empty() || request.is_api();
    log::access(request.method, request.target, response.status,
                std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - m_request_start));
    bool streamed = response.stream && !framing.head_request && status_has_body(response.status);
    if (!streamed) {
        Write kind = counted ? Write::Counted : Write::Plain;
        if (sends_body_apart(response, framing)) {
            std::string head = serialize_head(response, framing); // before the body moves out
            if (response.shared_body) send_pieces(std::move(head), std::move(*response.shared_body), kind);
            else send_with_body(std::move(head), std::move(response.body), kind);
        } else {
            send(serialize(response, framing), kind);
        }
        if (close) start_closing();
        return;
    }
    StreamedBody body = std::move(*response.stream);
    bool long_lived = body.long_lived;
    send(serialize(response, framing), counted && long_lived ? Write::Counted : Write::Plain);
    start_stream(std::move(body), counted && !long_lived, close);
}

void Connection::send(std::string bytes, Write kind) {
    ++m_pending_writes;
    std::uint64_t stream_id = kind == Write::Piece && m_stream ? m_stream->id : 0;
    m_wire->write(std::move(bytes), [weak = weak_from_this(), kind, stream_id] {
        if (auto self = weak.lock()) self->on_written(kind, stream_id);
    });
}

void Connection::send_with_body(std::string head, std::string body, Write kind) {
    ++m_pending_writes;
    m_wire->write_with_body(std::move(head), std::move(body), [weak = weak_from_this(), kind] {
        if (auto self = weak.lock()) self->on_written(kind, 0);
    });
}

void Connection::send_pieces(std::string head, Response::SharedBody body, Write kind) {
    ++m_pending_writes;
    m_wire->write_pieces(std::move(head), std::move(body), [weak = weak_from_this(), kind] {
        if (auto self = weak.lock()) self->on_written(kind, 0);
    });
}

void Connection::send_shared(std::shared_ptr<const void> keep, std::string_view bytes, Write kind) {
    ++m_pending_writes;
    std::uint64_t stream_id = kind == Write::Piece && m_stream ? m_stream->id : 0;
    m_wire->write_shared(std::move(keep), bytes, [weak = weak_from_this(), kind, stream_id] {
        if (auto self = weak.lock()) self->on_written(kind, stream_id);
    });
}

void Connection::on_written(Write kind, std::uint64_t stream_id) {
    --m_pending_writes;
    if (kind == Write::Counted) {
        --m_unfinished;
        m_activity.requests_finished(1);
        // Pipelined requests waited for the client to take answers: go on with them.
        if (m_unfinished == k_pipeline_depth - 1 && m_phase == Phase::Reading && !m_processing) process();
    }
    if (kind == Write::Piece && m_stream && m_stream->id == stream_id) {
        m_stream->writing = false;
        pump(); // runs on unless pump() is what wrote (then its loop goes on)
    }
    if (m_pending_writes > 0) return;
    if (m_phase == Phase::Closing && !m_write_shut) {
        m_write_shut = true;
        m_wire->shutdown(Wire::Shutdown::Write);
    } else if (m_phase == Phase::Idle && !m_stream) {
        m_deadline = Clock::now() + m_settings.idle_timeout; // idle from when the answer is out
    }
}

void Connection::drop_sink() {
    if (!m_sink) return;
    auto sink = std::move(m_sink);
    try {
        sink->abandon();
    } catch (const std::exception& e) {
        log::error(std::string("an unfinished request body could not be put aside: ") + e.what());
    }
}

void Connection::start_closing() {
    m_phase = Phase::Closing;
    m_deadline = Clock::now() + m_settings.linger_timeout;
    if (m_pending_writes == 0 && !m_write_shut) {
        m_write_shut = true;
        m_wire->shutdown(Wire::Shutdown::Write);
    }
}

void Connection::abort() {
    m_phase = Phase::Closed;
    drop_sink();
    m_wire->shutdown(Wire::Shutdown::Both);
}

void Connection::on_tick(Clock::time_point now) {
    if (now < m_deadline || m_phase == Phase::Closed) return;
    if (m_held) return; // the server, not the client, is working (as a handler blocking its worker)
    if (m_stream) { // only a client that stops taking what was written bounds a stream
        if (m_stream->writing && !client_reads(now)) abort();
        return;
    }
    if ((m_phase == Phase::Idle || m_phase == Phase::Reading) && m_wire->input_waiting()) return;
    switch (m_phase) {
    case Phase::Idle:
        if (m_pending_writes == 0 || !client_reads(now)) abort();
        return;
    case Phase::Reading: {
        if (m_unfinished >= k_pipeline_depth) { // paused: it is up to the client to read
            if (!client_reads(now)) abort();
            return;
        }
        bool counted = m_sink_counted;
        drop_sink();
        m_sink_counted = false;
        answer(Response::error(Error::make(ErrorCode::RequestTimeout, "the request did not arrive in time")),
               m_reader.request(), true, counted);
        return;
    }
    case Phase::Closing: // the client did not close after our FIN
    case Phase::Closed:
        abort();
        return;
    }
}

bool Connection::client_reads(Clock::time_point now) {
    if (now - m_wire->last_progress() >= m_settings.idle_timeout) return false;
    m_deadline = m_wire->last_progress() + m_settings.idle_timeout;
    return true;
}

void Connection::close_if_idle() {
    if (m_stream) {
        if (m_stream->long_lived && m_stream->chunked) {
            m_stream->close_after = true;
            end_stream();
        }
        return;
    }
    if (m_phase == Phase::Idle && m_pending_writes == 0 && !m_held) abort();
}

void Connection::close() {
    if (m_phase == Phase::Closed) return;
    if (m_held) { // the held answer goes out first, then the connection closes
        m_close_after_held = true;
        return;
    }
    if (m_stream) {
        if (m_stream->long_lived && m_stream->chunked) {
            m_stream->close_after = true;
            end_stream();
        } else {
            fail_stream("the server is stopping", false);
        }
        return;
    }
    if (m_pending_writes > 0) {
        start_closing(); // the answer being written goes out first, then our FIN
        return;
    }
    abort();
}

} // namespace mimamori::http
