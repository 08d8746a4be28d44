#pragma once
// The tus 1.0.0 resumable-upload protocol (https://tus.io/protocols/resumable-upload), the parts
// this project serves at /api/v1/uploads/ (issue 7): core, creation, checksum and termination.
// Header parsing and formatting for both sides, and the server's checks of a request; the
// browser app's upload state is in tus_upload.hpp.
//
// How the server maps failures to HTTP (tus's own statuses where it has them):
//   check_resumable()          -> 412 Precondition Failed, with Tus-Version
//   parse_offset/length/...    -> 400 (InvalidInput)
//   check_new_upload()         -> 400 for an empty file, 413 when larger than Tus-Max-Size
//   check_patch()              -> 409 Conflict for an offset that is not the upload's (a chunk out
//                                 of order or repeated), 413 past Upload-Length
//   check_patch_content_type() -> 415
//   parse_checksum()           -> 400 (an unsupported algorithm too, as tus asks)
//   Checksummer::matches()==false -> 460 Checksum Mismatch, nothing of the chunk kept

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/result.hpp"
#include "mimamori/common/sha1.hpp"

namespace mimamori::tus {

inline constexpr std::string_view version = "1.0.0";                        // Tus-Resumable, Tus-Version
inline constexpr std::string_view extensions = "creation,checksum,termination"; // Tus-Extension
inline constexpr std::string_view checksum_algorithms = "sha1,sha256";      // Tus-Checksum-Algorithm
inline constexpr std::string_view patch_content_type = "application/offset+octet-stream";
inline constexpr std::size_t max_metadata_header_bytes = 8192;
inline constexpr std::size_t max_metadata_pairs = 32;
inline constexpr int checksum_mismatch_status = 460;

// Tus-Resumable must be exactly "1.0.0" on every request but OPTIONS; `value` empty when absent.
Status check_resumable(std::string_view value);

// Upload-Offset / Upload-Length: a non-negative decimal integer, digits only (no sign, no space),
// at most 2^63 - 1 (PostgreSQL's bigint). InvalidInput naming the header otherwise.
Result<std::uint64_t> parse_offset(std::string_view value);
Result<std::uint64_t> parse_length(std::string_view value);

// Upload-Metadata: comma-separated pairs "key base64value" or a lone "key" (a value is optional).
// Keys: 1..64 printable ASCII characters without space or comma, unique. Values: standard base64
// with padding, decoded to bytes (a file name's UTF-8, for instance). Spaces around a pair are
// allowed; empty pairs, two spaces inside a pair, a bad value, a repeated key, more than 32 pairs
// or a header over 8 KiB are errors naming "Upload-Metadata" and the key.
struct MetadataEntry {
    std::string key;
    std::optional<std::string> value; // decoded bytes; std::nullopt when the pair had no value
    friend bool operator==(const MetadataEntry&, const MetadataEntry&) = default;
};

class Metadata {
public:
    Metadata() = default;
    // Adds or replaces a key's value.
    void set(std::string key, std::optional<std::string> value);
    // The entry for `key`, or nullptr.
    const MetadataEntry* find(std::string_view key) const;
    // The key's value as text: InvalidInput naming the key when absent, without a value, not valid
    // UTF-8 or longer than `max_bytes` (for the server's required "filename" and "patient").
    Result<std::string> required_text(std::string_view key, std::size_t max_bytes = 1024) const;
    const std::vector<MetadataEntry>& entries() const { return m_entries; }
    friend bool operator==(const Metadata&, const Metadata&) = default;

private:
    std::vector<MetadataEntry> m_entries; // in header order
};

Result<Metadata> parse_metadata(std::string_view header);
std::string format_metadata(const Metadata& metadata); // "filename 5aSq6YOO,patient MTIz"

// Upload-Checksum: "<algorithm> <base64 digest>", algorithm sha1 or sha256.
enum class ChecksumAlgorithm { Sha1, Sha256 };
std::string_view to_string(ChecksumAlgorithm algorithm);

struct Checksum {
    ChecksumAlgorithm algorithm = ChecksumAlgorithm::Sha1;
    Bytes digest; // 20 bytes for sha1, 32 for sha256
};

// Errors: an unknown algorithm (the message lists the supported ones), a bad base64 digest, or a
// digest of the wrong length.
Result<Checksum> parse_checksum(std::string_view header);

// The header value for a chunk the client is about to send.
std::string format_checksum(ChecksumAlgorithm algorithm, ByteView chunk);

// Hashes a chunk as the server receives it, piece by piece (never the whole chunk in memory).
class Checksummer {
public:
    explicit Checksummer(ChecksumAlgorithm algorithm);
    void update(ByteView piece);
    // Finishes the hash and compares it with `expected` (same algorithm) in constant time. The
    // object is spent afterwards.
    bool matches(const Checksum& expected);

private:
    ChecksumAlgorithm m_algorithm;
    std::variant<crypto::Sha1, crypto::Sha256> m_hash;
};

// Server: a creation request's Upload-Length. InvalidInput for 0 (empty files are refused),
// PayloadTooLarge when over `max_size` (the configured limit, 2 GB by default).
Status check_new_upload(std::uint64_t length, std::uint64_t max_size);

// Server: a PATCH to an upload whose stored offset is `stored_offset` of `length` bytes.
// Conflict when `request_offset` differs from the stored one, Conflict when the upload is already
// complete, PayloadTooLarge when `content_length` (if known) goes past `length`.
Status check_patch(std::uint64_t stored_offset, std::uint64_t length, std::uint64_t request_offset,
                   std::optional<std::uint64_t> content_length);

// Server: a PATCH's Content-Type must be application/offset+octet-stream (parameters ignored);
// UnsupportedMediaType otherwise.
Status check_patch_content_type(std::string_view value);

} // namespace mimamori::tus
