#include "family/family_files.hpp"

#include "api/call.hpp"
#include "mimamori/common/family_crypto/file_stream.hpp"
#include "platform/http.hpp"

namespace mimamori::web::family {
namespace {

constexpr int k_thumbnail_side = 320; // pixels: a sharp 10-em tile on a phone

// One family file's encryption for the upload queue; it keeps what the memo will need.
class FamilyFileEncoder final : public files::ChunkEncoder {
public:
    explicit FamilyFileEncoder(const files::PickedInfo& info)
        : m_name(info.name), m_media_type(info.media_type.empty() ? "application/octet-stream" : info.media_type),
          m_size(info.size), m_key(fc::FileKey::random()) {
        if (m_media_type.starts_with("image/")) m_thumbnail = make_thumbnail(info.handle, k_thumbnail_side);
    }

    std::uint64_t plain_chunk_size(std::uint64_t wanted) const override {
        return fc::FileUploadEncoder::plain_chunk_size_for(wanted);
    }
    std::uint64_t encoded_size(std::uint64_t index, std::uint64_t plain_size) const override {
        return fc::FileUploadEncoder::encoded_chunk_size(index, plain_size);
    }
    Result<std::string> encode(std::uint64_t index, std::string plain, bool last) override {
        if (!m_stream) {
            auto made = fc::FileUploadEncoder::make(m_key, plain_chunk_size(plain.size()));
            if (!made) return made.error();
            m_stream.emplace(std::move(made).value());
        }
        auto out = m_stream->encode(index, as_bytes(plain), last);
        fc::wipe(plain);
        if (!out) return out.error();
        return std::string(out->begin(), out->end());
    }
    std::vector<std::pair<std::string, std::string>> metadata() const override { return {{"space", "family"}}; }
    void restart() override {
        if (m_stream) m_stream->restart();
    }

    // The attachment for the memo once the upload has id `upload_id`.
    Result<fc::MemoAttachment> attachment(const std::string& upload_id) const {
        fc::MemoAttachment a{upload_id, m_name, m_media_type, m_size, m_key.clone(), {}, {}};
        if (m_thumbnail.in_flight()) return Error::make(ErrorCode::Unavailable, "the thumbnail is still being made");
        // A thumbnail that could not be made (an image the browser cannot decode) or came out too
        // large is left out: the memo shows the file's name instead.
        if (m_thumbnail.done() && m_thumbnail.value().bytes.size() <= fc::max_thumbnail_bytes) {
            a.thumbnail = m_thumbnail.value().bytes;
            a.thumbnail_type = m_thumbnail.value().media_type;
        }
        return a;
    }

private:
    std::string m_name, m_media_type;
    std::uint64_t m_size;
    fc::FileKey m_key;
    std::optional<fc::FileUploadEncoder> m_stream; // made with the first chunk's size
    Async<Thumbnail> m_thumbnail;
};

} // namespace

files::EncoderFactory file_encoder_factory() {
    return [](const files::PickedInfo& info) -> std::unique_ptr<files::ChunkEncoder> {
        return std::make_unique<FamilyFileEncoder>(info);
    };
}

Result<std::vector<fc::MemoAttachment>> attachments_of(const files::UploadQueue& queue) {
    std::vector<fc::MemoAttachment> out;
    for (const auto& [id, encoder] : queue.finished_uploads()) {
        const auto* family = dynamic_cast<const FamilyFileEncoder*>(encoder);
        if (family == nullptr) continue;
        auto a = family->attachment(id);
        if (!a) return a.error();
        out.push_back(std::move(a).value());
    }
    return out;
}

Async<std::string> fetch_and_decrypt(const std::string& file_id, const fc::FileKey& key) {
    auto started = Async<std::string>::start();
    auto complete = started.second; // (clang 14 cannot capture a structured binding)
    http::Request r;
    r.url = "api/v1/files/" + file_id;
    auto file_key = std::make_shared<fc::FileKey>(key.clone());
    http::send(std::move(r), [complete, file_key](Result<http::Response> answer) mutable {
        if (!answer) return complete.fail(answer.error());
        if (answer->status != 200)
            return complete.fail(Error::make(ErrorCode::Unavailable, "the file could not be fetched (HTTP " +
                                                                         std::to_string(answer->status) + ")"));
        auto plain = fc::decrypt_file(*file_key, as_bytes(answer->body));
        if (!plain) return complete.fail(plain.error());
        std::string bytes(plain->begin(), plain->end());
        fc::wipe(*plain);
        complete.succeed(std::move(bytes));
    });
    return started.first;
}

} // namespace mimamori::web::family
