#include "mimamori/common/tus.hpp"

#include <algorithm>
#include <limits>

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/text.hpp"

namespace mimamori::tus {
namespace {

constexpr std::uint64_t max_integer = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
constexpr std::size_t max_key_bytes = 64;

Result<std::uint64_t> parse_integer(std::string_view value, const char* header) {
    const auto bad = [&](const char* why) {
        return Error::invalid(header, std::string(header) + " " + why);
    };
    if (value.empty()) return bad("is required");
    std::uint64_t n = 0;
    for (char c : value) {
        if (c < '0' || c > '9') return bad("must be a non-negative whole number of bytes");
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (n > (max_integer - digit) / 10) return bad("is too large");
        n = n * 10 + digit;
    }
    return n;
}

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
    return s;
}

Error metadata_error(const std::string& what) {
    return Error::invalid("Upload-Metadata", "Upload-Metadata " + what);
}

bool valid_key(std::string_view key) {
    return !key.empty() && key.size() <= max_key_bytes &&
           std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 0x7F && c != ','; });
}

std::size_t digest_size(ChecksumAlgorithm a) { return a == ChecksumAlgorithm::Sha1 ? 20 : 32; }

} // namespace

Status check_resumable(std::string_view value) {
    if (value.empty()) return Error::invalid("Tus-Resumable", "Tus-Resumable is required (this server speaks tus 1.0.0)");
    if (value != version)
        return Error::invalid("Tus-Resumable", "Tus-Resumable " + std::string(value) + " is not supported (only 1.0.0)");
    return {};
}

Result<std::uint64_t> parse_offset(std::string_view value) { return parse_integer(value, "Upload-Offset"); }
Result<std::uint64_t> parse_length(std::string_view value) { return parse_integer(value, "Upload-Length"); }

void Metadata::set(std::string key, std::optional<std::string> value) {
    for (auto& e : m_entries)
        if (e.key == key) {
            e.value = std::move(value);
            return;
        }
    m_entries.push_back(MetadataEntry{std::move(key), std::move(value)});
}

const MetadataEntry* Metadata::find(std::string_view key) const {
    for (const auto& e : m_entries)
        if (e.key == key) return &e;
    return nullptr;
}

Result<std::string> Metadata::required_text(std::string_view key, std::size_t max_bytes) const {
    const std::string name = "Upload-Metadata " + std::string(key);
    const MetadataEntry* e = find(key);
    if (e == nullptr || !e->value) return Error::invalid(std::string(key), name + " is required");
    if (!text::is_valid_utf8(*e->value)) return Error::invalid(std::string(key), name + " is not valid UTF-8 text");
    if (e->value->size() > max_bytes)
        return Error::invalid(std::string(key), name + " is longer than " + std::to_string(max_bytes) + " bytes");
    return *e->value;
}

Result<Metadata> parse_metadata(std::string_view header) {
    if (header.size() > max_metadata_header_bytes)
        return metadata_error("is longer than " + std::to_string(max_metadata_header_bytes) + " bytes");
    Metadata out;
    if (trim_ows(header).empty()) return out;
    std::size_t start = 0;
    std::size_t count = 0;
    while (start <= header.size()) {
        const std::size_t comma = std::min(header.find(',', start), header.size());
        const std::string_view pair = trim_ows(header.substr(start, comma - start));
        start = comma + 1;
        if (++count > max_metadata_pairs)
            return metadata_error("has more than " + std::to_string(max_metadata_pairs) + " pairs");
        if (pair.empty()) return metadata_error("has an empty pair (two commas, or a comma at an end)");
        const std::size_t space = pair.find(' ');
        const std::string_view key = pair.substr(0, space);
        if (!valid_key(key))
            return metadata_error("has a key that is not 1..64 printable ASCII characters without spaces: " +
                                  std::string(key.substr(0, max_key_bytes)));
        if (out.find(key) != nullptr) return metadata_error("repeats the key " + std::string(key));
        std::optional<std::string> value;
        if (space != std::string_view::npos) {
            const std::string_view encoded = pair.substr(space + 1);
            auto decoded = encoding::base64_decode(encoded, "Upload-Metadata");
            if (!decoded) return metadata_error("value of " + std::string(key) + " is not valid padded base64");
            value = mimamori::to_string(ByteView(*decoded));
        }
        out.set(std::string(key), std::move(value));
    }
    return out;
}

std::string format_metadata(const Metadata& metadata) {
    std::string out;
    for (const auto& e : metadata.entries()) {
        if (!out.empty()) out += ',';
        out += e.key;
        if (e.value && !e.value->empty()) out += ' ' + encoding::base64_encode(as_bytes(*e.value));
    }
    return out;
}

std::string_view to_string(ChecksumAlgorithm algorithm) {
    return algorithm == ChecksumAlgorithm::Sha1 ? "sha1" : "sha256";
}

Result<Checksum> parse_checksum(std::string_view header) {
    const std::size_t space = header.find(' ');
    const std::string_view name = header.substr(0, space);
    Checksum out;
    if (name == "sha1") out.algorithm = ChecksumAlgorithm::Sha1;
    else if (name == "sha256") out.algorithm = ChecksumAlgorithm::Sha256;
    else
        return Error::invalid("Upload-Checksum", "Upload-Checksum algorithm " + std::string(name.substr(0, 32)) +
                                                     " is not supported (use " + std::string(checksum_algorithms) + ")");
    if (space == std::string_view::npos) return Error::invalid("Upload-Checksum", "Upload-Checksum has no digest");
    auto digest = encoding::base64_decode(header.substr(space + 1), "Upload-Checksum");
    if (!digest) return Error::invalid("Upload-Checksum", "Upload-Checksum digest is not valid padded base64");
    if (digest->size() != digest_size(out.algorithm))
        return Error::invalid("Upload-Checksum", "Upload-Checksum " + std::string(name) + " digest must be " +
                                                     std::to_string(digest_size(out.algorithm)) + " bytes");
    out.digest = std::move(*digest);
    return out;
}

std::string format_checksum(ChecksumAlgorithm algorithm, ByteView chunk) {
    Bytes digest;
    if (algorithm == ChecksumAlgorithm::Sha1) {
        const auto d = crypto::sha1(chunk);
        digest.assign(d.begin(), d.end());
    } else {
        const auto d = crypto::sha256(chunk);
        digest.assign(d.begin(), d.end());
    }
    return std::string(to_string(algorithm)) + ' ' + encoding::base64_encode(digest);
}

Checksummer::Checksummer(ChecksumAlgorithm algorithm)
    : m_algorithm(algorithm),
      m_hash(algorithm == ChecksumAlgorithm::Sha1 ? std::variant<crypto::Sha1, crypto::Sha256>(std::in_place_index<0>)
                                                  : std::variant<crypto::Sha1, crypto::Sha256>(std::in_place_index<1>)) {}

void Checksummer::update(ByteView piece) {
    std::visit([&](auto& h) { h.update(piece); }, m_hash);
}

bool Checksummer::matches(const Checksum& expected) {
    if (expected.algorithm != m_algorithm) return false;
    return std::visit(
        [&](auto& h) {
            const auto digest = h.finish();
            return crypto::constant_time_equal(digest, expected.digest);
        },
        m_hash);
}

Status check_new_upload(std::uint64_t length, std::uint64_t max_size) {
    if (length == 0) return Error::invalid("Upload-Length", "the file is empty");
    if (length > max_size)
        return Error::make(ErrorCode::PayloadTooLarge, "the file is larger than the limit of " + std::to_string(max_size) +
                                                           " bytes");
    return {};
}

Status check_patch(std::uint64_t stored_offset, std::uint64_t length, std::uint64_t request_offset,
                   std::optional<std::uint64_t> content_length) {
    if (stored_offset >= length) return Error::make(ErrorCode::Conflict, "the upload is already complete");
    if (request_offset != stored_offset)
        return Error::make(ErrorCode::Conflict, "Upload-Offset " + std::to_string(request_offset) +
                                                    " is not the upload's offset " + std::to_string(stored_offset) +
                                                    " (a chunk out of order or sent twice): ask HEAD and resume from there");
    if (content_length && *content_length > length - stored_offset)
        return Error::make(ErrorCode::PayloadTooLarge, "the chunk goes past Upload-Length " + std::to_string(length));
    return {};
}

Status check_patch_content_type(std::string_view value) {
    std::string_view type = trim_ows(value.substr(0, value.find(';')));
    std::string lower(type);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    if (lower != patch_content_type)
        return Error::make(ErrorCode::UnsupportedMediaType, "a PATCH must have Content-Type " + std::string(patch_content_type));
    return {};
}

} // namespace mimamori::tus
