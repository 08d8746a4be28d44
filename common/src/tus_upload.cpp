#include "mimamori/common/tus_upload.hpp"

#include <algorithm>

namespace mimamori::tus {

Result<std::vector<Chunk>> plan_chunks(std::uint64_t size, std::uint64_t chunk_size) {
    if (size == 0) return Error::invalid("size", "the file is empty");
    if (chunk_size == 0) return Error::invalid("chunk_size", "chunk_size must be at least 1 byte");
    std::vector<Chunk> chunks;
    chunks.reserve(static_cast<std::size_t>(size / chunk_size + 1));
    for (std::uint64_t offset = 0; offset < size; offset += std::min(chunk_size, size - offset))
        chunks.push_back(Chunk{offset, std::min(chunk_size, size - offset)});
    return chunks;
}

Failure failure_for_status(int status) {
    if (status <= 0) return Failure::Network;
    if (status >= 500) return Failure::ServerError;
    if (status == 409) return Failure::OffsetConflict;
    if (status == 460) return Failure::ChecksumMismatch;
    if (status == 404 || status == 410) return Failure::Expired;
    return Failure::Refused;
}

Upload::Upload(std::uint64_t size, std::uint64_t chunk_size, RetryPolicy retry, std::uint64_t first_chunk_extra)
    : m_size(size), m_chunk_size(chunk_size), m_first_chunk_extra(first_chunk_extra), m_retry(std::move(retry)) {}

Result<Upload> Upload::start(std::uint64_t size, std::uint64_t chunk_size, RetryPolicy retry,
                             std::uint64_t first_chunk_extra) {
    if (size == 0) return Error::invalid("size", "the file is empty");
    if (chunk_size == 0) return Error::invalid("chunk_size", "chunk_size must be at least 1 byte");
    return Upload(size, chunk_size, std::move(retry), first_chunk_extra);
}

Chunk Upload::next_chunk() const {
    const std::uint64_t length = m_confirmed == 0 ? m_chunk_size + m_first_chunk_extra : m_chunk_size;
    return Chunk{m_confirmed, std::min(length, m_size - m_confirmed)};
}

void Upload::created(std::int64_t now_ms) {
    if (m_step != Step::Create) return;
    m_step = Step::Send;
    m_ready_at_ms = now_ms;
    m_in_flight = 0;
    record(now_ms);
}

void Upload::sending(std::uint64_t bytes, std::int64_t now_ms) {
    if (m_step != Step::Send) return;
    bytes = std::min(bytes, next_chunk().length);
    if (bytes > m_in_flight) m_moved += bytes - m_in_flight;
    m_in_flight = std::max(m_in_flight, bytes);
    record(now_ms);
}

void Upload::sent(std::uint64_t server_offset, std::int64_t now_ms) {
    if (m_step != Step::Send) return;
    const Chunk chunk = next_chunk();
    // Bytes of the chunk that went out without progress events still crossed the network.
    if (chunk.length > m_in_flight && server_offset == chunk.offset + chunk.length) m_moved += chunk.length - m_in_flight;
    if (server_offset <= chunk.offset || server_offset > chunk.offset + chunk.length) {
        // The server disagrees about where we are: ask it before sending more (counted as a
        // retry, so a server that keeps disagreeing ends the upload instead of looping).
        m_in_flight = 0;
        return retry_later(Step::Ask, now_ms);
    }
    confirm(server_offset, now_ms);
}

void Upload::resumed(std::uint64_t server_offset, std::uint64_t server_length, std::int64_t now_ms) {
    if (m_step != Step::Ask) return;
    if (server_length != m_size)
        return fail("the server's upload has " + std::to_string(server_length) + " bytes, not this file's " +
                    std::to_string(m_size));
    if (server_offset > m_size) return fail("the server reports more bytes than the file has");
    const bool progressed = server_offset > m_confirmed;
    m_confirmed = server_offset; // the server's offset is the truth, even when it is behind ours
    if (progressed) m_attempts = 0;
    m_in_flight = 0;
    m_step = m_confirmed == m_size ? Step::Done : Step::Send;
    m_ready_at_ms = now_ms;
    record(now_ms);
}

void Upload::failed(Failure failure, std::int64_t now_ms, std::string_view server_message) {
    if (m_step == Step::Done || m_step == Step::Failed) return;
    m_in_flight = 0;
    switch (failure) {
    case Failure::Network:
    case Failure::ServerError:
        // Before creation there is nothing to ask about: create again.
        return retry_later(m_step == Step::Create ? Step::Create : Step::Ask, now_ms);
    case Failure::OffsetConflict:
        return retry_later(Step::Ask, now_ms);
    case Failure::ChecksumMismatch:
        return retry_later(m_step, now_ms);
    case Failure::Expired:
        m_confirmed = 0;
        return retry_later(Step::Create, now_ms);
    case Failure::Refused:
        return fail(server_message.empty() ? std::string("the server refused the upload") : std::string(server_message));
    }
}

void Upload::confirm(std::uint64_t offset, std::int64_t now_ms) {
    m_confirmed = offset;
    m_in_flight = 0;
    m_attempts = 0;
    m_step = m_confirmed == m_size ? Step::Done : Step::Send;
    m_ready_at_ms = now_ms;
    record(now_ms);
}

void Upload::retry_later(Step step, std::int64_t now_ms) {
    if (m_attempts >= m_retry.delays_ms.size()) return fail("the connection failed too many times");
    m_ready_at_ms = now_ms + m_retry.delays_ms[m_attempts++];
    m_step = step;
    record(now_ms);
}

void Upload::fail(std::string message) {
    m_step = Step::Failed;
    m_failure = std::move(message);
}

void Upload::record(std::int64_t now_ms) {
    m_samples.push_back(Sample{now_ms, m_moved});
    // Keep one sample older than the window, so the window is always covered.
    while (m_samples.size() > 2 && m_samples[1].at_ms <= now_ms - speed_window_ms) m_samples.pop_front();
}

Progress Upload::progress(std::int64_t now_ms) const {
    Progress p;
    p.total = m_size;
    p.confirmed = m_confirmed;
    p.sent = std::min(m_size, m_confirmed + m_in_flight);
    p.fraction = static_cast<double>(p.sent) / static_cast<double>(m_size);
    if (m_samples.empty() || m_step == Step::Done) return p;
    // The newest sample at least a window before now (or the oldest kept) is the baseline; bytes
    // moved since then over the time since then, so a stalled connection's speed falls to 0.
    const Sample* base = &m_samples.front();
    for (const auto& s : m_samples)
        if (s.at_ms <= now_ms - speed_window_ms) base = &s;
    const std::int64_t elapsed = now_ms - base->at_ms;
    if (elapsed < 500) return p; // too short to say
    const double speed = static_cast<double>(m_moved - base->moved) * 1000.0 / static_cast<double>(elapsed);
    p.bytes_per_second = speed;
    if (speed > 0) p.seconds_left = static_cast<double>(m_size - p.sent) / speed;
    return p;
}

} // namespace mimamori::tus
