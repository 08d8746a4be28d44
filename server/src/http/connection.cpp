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

} // namespace

Connection::Connection(std::unique_ptr<Wire> wire, std::string client_address, const ConnectionSettings& settings,
                       RequestHandler& handler, Activity& activity)
    : m_wire(std::move(wire)), m_client_address(std::move(client_address)), m_settings(settings),
      m_handler(handler), m_activity(activity), m_reader(settings.limits),
      // A new connection must start its first request as promptly as a head must arrive.
      m_deadline(Clock::now() + settings.header_timeout) {}

Connection::~Connection() { m_activity.requests_finished(m_unfinished); }

void Connection::on_input(std::string_view bytes) {
    if (m_phase == Phase::Closing || m_phase == Phase::Closed) return; // lingering: drop
    if (m_phase == Phase::Idle) {
        m_phase = Phase::Reading;
        m_request_start = Clock::now();
        m_deadline = m_request_start + m_settings.header_timeout;
    }
    m_reader.append(bytes);
    if (m_unfinished >= k_pipeline_depth &&
        m_reader.buffered() > m_settings.limits.max_head_bytes + m_settings.limits.max_body_bytes) {
        log::warning("dropping a client that pipelines requests without reading the answers");
        abort();
        return;
    }
    process();
}

void Connection::process() {
    m_processing = true;
    while (m_phase == Phase::Reading && m_unfinished < k_pipeline_depth && step()) {}
    m_processing = false;
}

bool Connection::step() {
    switch (m_reader.advance()) {
    case RequestReader::State::NeedMore:
        return false;
    case RequestReader::State::HeadReady:
        m_deadline = Clock::now() + m_settings.body_timeout;
        if (m_reader.expects_continue() && m_reader.body_not_started()) send(std::string(k_continue_response), false);
        return true;
    case RequestReader::State::Failed: {
        const ReadError& e = m_reader.error();
        answer(Response::error(e.status, Error::make(code_for_read_error(e.status), e.message)), m_reader.request(), true,
               false);
        return false;
    }
    case RequestReader::State::Complete: {
        bool close = m_reader.wants_close();
        dispatch(m_reader.take(), close);
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

void Connection::dispatch(Request request, bool close) {
    request.client_address = m_client_address;
    m_activity.request_started();
    ++m_unfinished;
    Response response;
    try {
        response = m_handler.handle(request);
    } catch (const std::exception& e) { // the Dispatcher catches everything; this is the last net
        log::error(std::string("unhandled exception while answering a request: ") + e.what());
        response = Response::error(Error::make(ErrorCode::Internal, "an unexpected error occurred"));
    }
    answer(response, request, close || response.close_connection, true);
}

void Connection::answer(const Response& response, const Request& request, bool close, bool counted) {
    Framing framing;
    framing.head_request = request.is_head();
    framing.keep_alive = !close;
    framing.api = request.path.empty() || request.is_api();
    log::access(request.method, request.target, response.status,
                std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - m_request_start));
    send(serialize(response, framing), counted);
    if (close) start_closing();
}

void Connection::send(std::string bytes, bool counted) {
    ++m_pending_writes;
    m_wire->write(std::move(bytes), [weak = weak_from_this(), counted] {
        if (auto self = weak.lock()) self->on_written(counted);
    });
}

void Connection::on_written(bool counted) {
    --m_pending_writes;
    if (counted) {
        --m_unfinished;
        m_activity.requests_finished(1);
        // Pipelined requests waited for the client to take answers: go on with them.
        if (m_unfinished == k_pipeline_depth - 1 && m_phase == Phase::Reading && !m_processing) process();
    }
    if (m_pending_writes > 0) return;
    if (m_phase == Phase::Closing && !m_write_shut) {
        m_write_shut = true;
        m_wire->shutdown(Wire::Shutdown::Write);
    } else if (m_phase == Phase::Idle) {
        m_deadline = Clock::now() + m_settings.idle_timeout; // idle from when the answer is out
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
    m_wire->shutdown(Wire::Shutdown::Both);
}

void Connection::on_tick(Clock::time_point now) {
    if (now < m_deadline || m_phase == Phase::Closed) return;
    if ((m_phase == Phase::Idle || m_phase == Phase::Reading) && m_wire->input_waiting()) return;
    switch (m_phase) {
    case Phase::Idle:
        if (m_pending_writes == 0 || !client_reads(now)) abort();
        return;
    case Phase::Reading:
        if (m_unfinished >= k_pipeline_depth) { // paused: it is up to the client to read
            if (!client_reads(now)) abort();
            return;
        }
        answer(Response::error(Error::make(ErrorCode::RequestTimeout, "the request did not arrive in time")),
               m_reader.request(), true, false);
        return;
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
    if (m_phase == Phase::Idle && m_pending_writes == 0) abort();
}

void Connection::close() {
    if (m_phase == Phase::Closed) return;
    if (m_pending_writes > 0) {
        start_closing(); // the answer being written goes out first, then our FIN
        return;
    }
    abort();
}

} // namespace mimamori::http
