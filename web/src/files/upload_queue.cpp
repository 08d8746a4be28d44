// UploadQueue: each picked file goes up through tus (/api/v1/uploads) driven by common's
// tus::Upload state machine; this file makes its requests and feeds it their outcomes.
//
// Every PATCH carries an Upload-Checksum, which makes it all or nothing on the server: after a cut
// connection the server's offset is always at a chunk boundary, so a chunk sent again is the same
// chunk. With an encoder (the family space's secretstream, which cannot be rewound) the encoded
// chunk is kept until the server acknowledges it and sent again from that copy; the next one is
// encoded only once the server has the previous one, so encode() sees each index once, in order.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <string>
#include <utility>

#include "imgui.h"

#include "api/call.hpp"
#include "files/attachments.hpp"
#include "files/files_text.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/file_types.hpp"
#include "mimamori/common/tus.hpp"
#include "mimamori/common/tus_upload.hpp"
#include "platform/browser_files.hpp"
#include "platform/frames.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::files {
namespace {

constexpr std::uint64_t k_default_chunk = 5ull << 20;
constexpr const char* k_uploads = "api/v1/uploads";

std::int64_t now_ms() { return static_cast<std::int64_t>(ImGui::GetTime() * 1000.0); }

// A retry the person asked for starts at once; the automatic ones keep tus_upload's delays.
tus::RetryPolicy manual_retry() {
    tus::RetryPolicy p;
    p.delays_ms.insert(p.delays_ms.begin(), 0);
    return p;
}

std::optional<std::uint64_t> header_number(const http::Response& r, std::string_view name) {
    const auto text = r.header(name);
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

// The accept attribute of the picker: every type the server may take, by extension and media
// type (phones then offer the camera and the gallery as well as files).
std::string accept_attribute() {
    std::string out = "image/*,video/*,audio/*";
    for (const auto& t : mimamori::files::file_types()) {
        std::string_view exts = t.extensions;
        while (!exts.empty()) {
            const auto space = exts.find(' ');
            out += ",.";
            out += exts.substr(0, space);
            exts.remove_prefix(space == std::string_view::npos ? exts.size() : space + 1);
        }
        out += ',';
        out += t.media_type;
    }
    return out;
}

std::string format_duration(double seconds) {
    if (seconds < 60) return std::to_string(static_cast<int>(std::ceil(seconds))) + tr(T::Seconds);
    if (seconds < 3600) return std::to_string(static_cast<int>(std::ceil(seconds / 60))) + tr(T::Minutes);
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", seconds / 3600);
    return b + std::string(tr(T::Hours));
}

} // namespace

struct Entry {
    enum class Phase { Running, Done, Failed };

    browser_files::FileRef file;
    std::int64_t patient_id = 0;
    std::unique_ptr<ChunkEncoder> encoder;
    std::uint64_t plain_chunk = k_default_chunk;
    std::uint64_t wire_chunk = k_default_chunk;
    std::uint64_t first_extra = 0; // chunk 0's bytes beyond wire_chunk (an encoder's header)
    std::uint64_t wire_size = 0;
    std::optional<tus::Upload> up;
    std::string upload_id; // once created
    bool refused_by_server = false; // the server refused its content and kept nothing: no termination to send
    Phase phase = Phase::Running;
    std::string headline; // why it failed, for the person
    std::string detail;   // the server's message
    bool retryable = true;
    int transfer = 0;     // the request in flight (0: none)
    bool requesting = false;
    Async<std::string> reading;
    std::uint64_t reading_offset = 0;
    std::uint64_t cached_offset = UINT64_MAX; // wire bytes of the chunk being sent
    std::string cached;
    std::string idempotency_key;

    std::string url() const { return std::string(k_uploads) + "/" + upload_id; }
};

struct UploadQueue::Impl {
    std::vector<std::shared_ptr<Entry>> entries;
    EncoderFactory encoder_factory;
    std::uint64_t chunk_size = k_default_chunk;
    Async<std::vector<browser_files::FileRef>> picking;
    std::int64_t picking_patient = 0;

    ~Impl() { clear(); }

    void add(browser_files::FileRef f, std::int64_t patient_id);
    void pump(const std::shared_ptr<Entry>& e);
    // Sends one tus request for the entry: `on_success` runs for an answer with status `success`;
    // no answer is a network failure and any other status goes to failed_by().
    using OnSuccess = std::function<void(Entry&, const http::Response&, std::int64_t now)>;
    void request(const std::shared_ptr<Entry>& e, const http::Request& r, int success, OnSuccess on_success,
                 std::function<void(std::uint64_t)> on_progress = {});
    void failed_by(Entry& e, const http::Response& answer, std::int64_t now);
    void fail(Entry& e, std::string headline, std::string detail, bool retryable);
    void from_upload_state(Entry& e);
    void cancel(Entry& e);
    void retry(Entry& e);
    void clear() {
        for (auto& e : entries) cancel(*e);
        entries.clear();
    }
    void poll_pick() {
        if (!picking.finished()) return;
        if (picking.done())
            for (const auto& f : picking.value()) add(f, picking_patient);
        picking.reset();
    }
};

namespace {

// The chunk that starts at wire offset `offset` (a chunk boundary: chunk 0 is first_extra longer).
std::uint64_t chunk_index(const Entry& e, std::uint64_t offset) {
    return offset == 0 ? 0 : (offset - e.first_extra) / e.wire_chunk;
}

void add_common_headers(http::Request& r, bool state_changing) {
    r.headers.emplace_back("Tus-Resumable", std::string(tus::version));
    if (state_changing) {
        const std::string& csrf = api::csrf_token();
        if (!csrf.empty()) r.headers.emplace_back("X-CSRF-Token", csrf);
    }
}

const char* headline_for(int status) {
    switch (status) {
    case 413: return tr(T::TooLarge);
    case 415: return tr(T::RefusedType);
    case 403: return tr(T::NotAllowed);
    default: return tr(T::Refused);
    }
}

} // namespace

void UploadQueue::Impl::add(browser_files::FileRef f, std::int64_t patient_id) {
    auto e = std::make_shared<Entry>();
    e->patient_id = patient_id;
    e->plain_chunk = chunk_size;
    e->wire_chunk = chunk_size;
    e->idempotency_key = encoding::hex_encode(crypto::random_bytes(16));
    if (encoder_factory) e->encoder = encoder_factory(PickedInfo{f.name, f.media_type, f.size, f.handle});
    e->wire_size = f.size;
    if (e->encoder && f.size > 0) {
        const ChunkEncoder& enc = *e->encoder;
        e->plain_chunk = enc.plain_chunk_size(chunk_size);
        e->wire_chunk = enc.encoded_size(1, e->plain_chunk);
        e->first_extra = enc.encoded_size(0, e->plain_chunk) - e->wire_chunk;
        const std::uint64_t chunks = (f.size + e->plain_chunk - 1) / e->plain_chunk;
        const std::uint64_t last_plain = f.size - (chunks - 1) * e->plain_chunk;
        e->wire_size = chunks == 1 ? enc.encoded_size(0, f.size)
                                   : enc.encoded_size(0, e->plain_chunk) + (chunks - 2) * e->wire_chunk +
                                         enc.encoded_size(chunks - 1, last_plain);
    }
    e->file = std::move(f);
    auto up = tus::Upload::start(e->wire_size, e->wire_chunk, {}, e->first_extra);
    if (up) {
        e->up = std::move(*up);
    } else {
        fail(*e, tr(T::Empty), {}, false); // the only reason start() refuses a file
    }
    entries.push_back(std::move(e));
    frames::request();
}

void UploadQueue::Impl::fail(Entry& e, std::string headline, std::string detail, bool retryable) {
    e.phase = Entry::Phase::Failed;
    e.headline = std::move(headline);
    e.detail = std::move(detail);
    e.retryable = retryable;
}

void UploadQueue::Impl::from_upload_state(Entry& e) {
    if (!e.up) return;
    if (e.up->step() == tus::Upload::Step::Done) {
        e.phase = Entry::Phase::Done;
        e.cached.clear();
        browser_files::release(e.file.handle);
    } else if (e.up->step() == tus::Upload::Step::Failed && e.phase == Entry::Phase::Running) {
        fail(e, tr(T::Gave), e.up->failure_message(), true);
    }
}

void UploadQueue::Impl::pump(const std::shared_ptr<Entry>& ep) {
    Entry& e = *ep;
    if (e.phase != Entry::Phase::Running || !e.up || e.requesting || e.reading.in_flight()) return;
    tus::Upload& up = *e.up;
    const std::int64_t now = now_ms();
    std::weak_ptr<Entry> weak = ep;

    // A chunk read (and encoded) for sending.
    if (e.reading.finished()) {
        const auto read = e.reading;
        e.reading.reset();
        if (read.failed()) return fail(e, tr(T::ReadFailed), read.error().message, true);
        std::string bytes = read.value();
        if (e.encoder) {
            const std::uint64_t index = chunk_index(e, e.reading_offset);
            const std::uint64_t chunk_length = e.wire_chunk + (index == 0 ? e.first_extra : 0);
            const bool last = e.reading_offset + chunk_length >= e.wire_size;
            const std::size_t plain = bytes.size();
            auto encoded = e.encoder->encode(index, std::move(bytes), last);
            if (!encoded) return fail(e, tr(T::ReadFailed), encoded.error().message, false);
            if (encoded->size() != e.encoder->encoded_size(index, plain))
                return fail(e, tr(T::ReadFailed), "the encoder changed the chunk's size unexpectedly", false);
            bytes = std::move(*encoded);
        }
        e.cached_offset = e.reading_offset;
        e.cached = std::move(bytes);
    }

    switch (up.step()) {
    case tus::Upload::Step::Done:
    case tus::Upload::Step::Failed: return from_upload_state(e);
    default: break;
    }
    if (up.ready_at_ms() > now) {
        frames::request_in(static_cast<double>(up.ready_at_ms() - now) / 1000.0);
        return;
    }

    if (up.step() == tus::Upload::Step::Create) {
        tus::Metadata metadata;
        metadata.set("patient", std::to_string(e.patient_id));
        bool named_by_encoder = false;
        if (e.encoder)
            for (auto& [key, value] : e.encoder->metadata()) {
                if (key == "space" && value == "family") named_by_encoder = true;
                metadata.set(key, value);
            }
        if (!named_by_encoder) metadata.set("filename", e.file.name);
        http::Request r;
        r.method = "POST";
        r.url = k_uploads;
        add_common_headers(r, true);
        r.headers.emplace_back("Upload-Length", std::to_string(e.wire_size));
        r.headers.emplace_back("Upload-Metadata", tus::format_metadata(metadata));
        r.headers.emplace_back("Idempotency-Key", e.idempotency_key);
        request(ep, r, 201, [this](Entry& e, const http::Response& answer, std::int64_t now) {
            auto body = json::parse_object(answer.body);
            const Json* upload = body && body->contains("upload") ? &(*body)["upload"] : nullptr;
            if (!upload || !upload->contains("id") || !(*upload)["id"].is_number_integer())
                return fail(e, tr(T::Refused), "the server's answer has no upload id", true);
            e.upload_id = std::to_string((*upload)["id"].get<std::int64_t>());
            e.up->created(now);
        });
        return;
    }

    if (up.step() == tus::Upload::Step::Ask) {
        http::Request r;
        r.method = "HEAD";
        r.url = e.url();
        add_common_headers(r, false);
        request(ep, r, 200, [](Entry& e, const http::Response& answer, std::int64_t now) {
            const auto offset = header_number(answer, "upload-offset");
            const auto length = header_number(answer, "upload-length");
            if (!offset || !length) return e.up->failed(tus::Failure::OffsetConflict, now);
            e.up->resumed(*offset, *length, now);
        });
        return;
    }

    // Send: the chunk at the server's offset, read first unless it is the one already in hand.
    const tus::Chunk chunk = up.next_chunk();
    if (e.cached_offset != chunk.offset || e.cached.size() != chunk.length) {
        e.cached_offset = UINT64_MAX;
        e.cached.clear();
        e.reading_offset = chunk.offset;
        if (!e.encoder) {
            e.reading = browser_files::read(e.file.handle, chunk.offset, chunk.length);
        } else {
            if (chunk.offset != 0 && (chunk.offset - e.first_extra) % e.wire_chunk != 0)
                return fail(e, tr(T::Refused), "the server's offset is not at a chunk boundary", false);
            const std::uint64_t plain_offset = chunk_index(e, chunk.offset) * e.plain_chunk;
            e.reading = browser_files::read(e.file.handle, plain_offset,
                                            std::min(e.plain_chunk, e.file.size - plain_offset));
        }
        return;
    }

    http::Request r;
    r.method = "PATCH";
    r.url = e.url();
    r.content_type = std::string(tus::patch_content_type);
    add_common_headers(r, true);
    r.headers.emplace_back("Upload-Offset", std::to_string(chunk.offset));
    r.headers.emplace_back("Upload-Checksum", tus::format_checksum(tus::ChecksumAlgorithm::Sha256, as_bytes(e.cached)));
    r.body = e.cached;
    request(
        ep, r, 204,
        [](Entry& e, const http::Response& answer, std::int64_t now) {
            const auto offset = header_number(answer, "upload-offset");
            if (!offset) return e.up->failed(tus::Failure::OffsetConflict, now);
            e.up->sent(*offset, now);
        },
        [weak](std::uint64_t sent) {
            if (auto ep = weak.lock(); ep && ep->up) ep->up->sending(sent, now_ms());
        });
}

void UploadQueue::Impl::request(const std::shared_ptr<Entry>& ep, const http::Request& r, int success,
                                OnSuccess on_success, std::function<void(std::uint64_t)> on_progress) {
    std::weak_ptr<Entry> weak = ep;
    ep->requesting = true;
    ep->transfer = browser_files::send_with_progress(
        r, std::move(on_progress),
        [this, weak, success, on_success = std::move(on_success)](Result<http::Response> answer) {
            auto ep = weak.lock();
            if (!ep) return; // removed meanwhile
            Entry& e = *ep;
            e.requesting = false;
            e.transfer = 0;
            const std::int64_t now = now_ms();
            if (!answer) {
                e.up->failed(tus::Failure::Network, now);
            } else if (answer->status == success) {
                on_success(e, *answer, now);
            } else {
                failed_by(e, *answer, now);
            }
            from_upload_state(e);
        });
}

// A refusal ends the upload with the server's reason; anything else is tus_upload's to retry.
void UploadQueue::Impl::failed_by(Entry& e, const http::Response& answer, std::int64_t now) {
    const auto failure = tus::failure_for_status(answer.status);
    const auto why = api::failure_from_response(answer);
    if (failure == tus::Failure::Refused) {
        // A content the server refuses (its type, a wrong SHA-256) is deleted there at once.
        e.refused_by_server = answer.status == 415 || answer.status == 422;
        return fail(e, headline_for(answer.status), why.message, false);
    }
    if (failure == tus::Failure::Expired) {
        // Gone on the server: the upload starts again from byte 0 (a new stream for an encoder).
        e.cached_offset = UINT64_MAX;
        if (e.encoder) e.encoder->restart();
    }
    e.up->failed(failure, now, why.message);
}

void UploadQueue::Impl::cancel(Entry& e) {
    if (e.transfer) browser_files::abort(e.transfer);
    e.transfer = 0;
    e.requesting = false;
    e.reading.reset();
    if (e.phase != Entry::Phase::Done) {
        // tus termination: the server forgets what arrived (fire and forget).
        if (!e.upload_id.empty() && !e.refused_by_server) {
            http::Request r;
            r.method = "DELETE";
            r.url = e.url();
            add_common_headers(r, true);
            browser_files::send_with_progress(r, {}, [](Result<http::Response>) {});
        }
        browser_files::release(e.file.handle);
    }
}

void UploadQueue::Impl::retry(Entry& e) {
    auto up = tus::Upload::start(e.wire_size, e.wire_chunk, manual_retry(), e.first_extra);
    if (!up) return;
    e.up = std::move(*up);
    const std::int64_t now = now_ms();
    if (!e.upload_id.empty()) {
        // Ask the server where it stopped (HEAD) before sending anything.
        e.up->created(now);
        e.up->failed(tus::Failure::OffsetConflict, now);
    }
    e.phase = Entry::Phase::Running;
    e.headline.clear();
    e.detail.clear();
    frames::request();
}

UploadQueue::UploadQueue() : m_impl(std::make_unique<Impl>()) {}
UploadQueue::~UploadQueue() = default;
UploadQueue::UploadQueue(UploadQueue&&) noexcept = default;
UploadQueue& UploadQueue::operator=(UploadQueue&&) noexcept = default;

std::vector<std::pair<std::string, const ChunkEncoder*>> UploadQueue::finished_uploads() const {
    std::vector<std::pair<std::string, const ChunkEncoder*>> out;
    for (const auto& e : m_impl->entries)
        if (e->phase == Entry::Phase::Done) out.emplace_back(e->upload_id, e->encoder.get());
    return out;
}

std::vector<std::string> UploadQueue::finished_upload_ids() const {
    std::vector<std::string> out;
    for (const auto& e : m_impl->entries)
        if (e->phase == Entry::Phase::Done) out.push_back(e->upload_id);
    return out;
}

bool UploadQueue::busy() const {
    if (m_impl->picking.in_flight()) return true;
    return std::any_of(m_impl->entries.begin(), m_impl->entries.end(),
                       [](const auto& e) { return e->phase == Entry::Phase::Running; });
}

bool UploadQueue::has_failures() const {
    return std::any_of(m_impl->entries.begin(), m_impl->entries.end(),
                       [](const auto& e) { return e->phase == Entry::Phase::Failed; });
}

bool UploadQueue::empty() const { return m_impl->entries.empty(); }
void UploadQueue::clear() { m_impl->clear(); }
void UploadQueue::set_encoder_factory(EncoderFactory factory) { m_impl->encoder_factory = std::move(factory); }
void UploadQueue::set_chunk_size(std::uint64_t bytes) { m_impl->chunk_size = std::max<std::uint64_t>(bytes, 1); }

void draw_attach_button(UploadQueue& queue, std::int64_t patient_id) {
    auto& q = *queue.m_impl;
    q.poll_pick();
    if (ui::secondary_button(tr(T::Attach), "attach-files", !q.picking.in_flight())) {
        static const std::string accept = accept_attribute();
        q.picking = browser_files::pick(accept, true, false);
        q.picking_patient = patient_id;
    }
}

std::string format_size(std::uint64_t bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1000 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    char b[32];
    if (unit == 0) {
        std::snprintf(b, sizeof b, "%llu B", static_cast<unsigned long long>(bytes));
    } else {
        std::snprintf(b, sizeof b, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
    return b;
}

void draw_progress(UploadQueue& queue) {
    auto& q = *queue.m_impl;
    q.poll_pick();
    for (const auto& e : q.entries) q.pump(e);

    std::shared_ptr<Entry> removed;
    const float em = ui::em();
    for (const auto& ep : q.entries) {
        Entry& e = *ep;
        ImGui::PushID(ep.get());
        ui::text(e.file.name + "  (" + format_size(e.file.size) + ")");
        const std::int64_t now = now_ms();
        if (e.phase == Entry::Phase::Failed) {
            ui::error_text(e.detail.empty() ? e.headline : e.headline + ": " + e.detail);
            if (e.retryable && ui::button(tr(T::Retry), "retry")) q.retry(e);
            if (e.retryable) ImGui::SameLine();
            if (ui::secondary_button(tr(T::Remove), "remove")) removed = ep;
        } else {
            const tus::Progress p = e.up ? e.up->progress(now) : tus::Progress{};
            const bool done = e.phase == Entry::Phase::Done;
            const int percent = done ? 100 : static_cast<int>(std::floor(p.fraction * 100.0));
            const std::string overlay = std::to_string(percent) + "%";
            ImGui::ProgressBar(done ? 1.0f : static_cast<float>(p.fraction), ImVec2(std::min(ImGui::GetContentRegionAvail().x, 24 * em), 0),
                               overlay.c_str());
            test_hook::describe_last_item(test_hook::Kind::Item, overlay, "upload " + e.file.name);
            std::string status;
            if (done) {
                status = tr(T::Uploaded);
            } else if (e.up && e.up->ready_at_ms() > now) {
                status = tr(T::Waiting);
            } else if (e.up && e.up->step() == tus::Upload::Step::Ask) {
                status = tr(T::Resuming);
            } else {
                status = tr(T::Uploading);
                if (p.bytes_per_second) status += "  " + format_size(static_cast<std::uint64_t>(*p.bytes_per_second)) + "/s";
                if (p.seconds_left) status += std::string("  ") + tr(T::Left) + " " + format_duration(*p.seconds_left);
            }
            ImGui::SameLine();
            ui::text_muted(status);
            ImGui::SameLine();
            if (done) {
                if (ui::secondary_button(tr(T::Remove), "remove")) removed = ep;
            } else if (ui::secondary_button(tr(T::Cancel), "cancel")) {
                removed = ep;
            }
            // Speed and time left change while bytes go out: a frame now and then shows them.
            if (!done) frames::request_in(0.5);
        }
        ImGui::PopID();
    }
    if (removed) {
        q.cancel(*removed);
        std::erase(q.entries, removed);
        frames::request();
    }
}

} // namespace mimamori::web::files
