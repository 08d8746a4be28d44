#pragma once
// HTTP range requests (RFC 9110 §14) for downloads: a video player seeks by asking for
// "bytes=1048576-", a resumed download for the rest. One range per response, no multipart.
//
// decide_range() reads the Range header against the file's size:
//   - no header, another unit than bytes, or a header that does not parse (including a range whose
//     last byte is before its first, "bytes=5-3") -> Full: send 200 with the whole file, as RFC
//     9110 says a server may ignore a Range it cannot use;
//   - more than one range ("bytes=0-1,5-9") -> Full as well: this server sends no
//     multipart/byteranges, and browsers ask for one range only;
//   - one range: "a-b" (b clamped to the last byte), "a-" (to the end), "-n" (the last n bytes,
//     the whole file when n >= size) -> Partial: 206 with content_range();
//   - a range that starts at or after the end ("bytes=size-"), a suffix of zero bytes ("-0"),
//     or any range of an empty file -> Unsatisfiable: 416 with unsatisfied_content_range().
// Numbers too large for 64 bits count as infinitely large (a last byte clamps, a first byte is
// past the end). If-Range is the caller's to check before calling.

#include <cstdint>
#include <string>
#include <string_view>

namespace mimamori::http {

struct ByteRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0; // inclusive
    std::uint64_t length() const { return last - first + 1; }
    friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

enum class RangeOutcome { Full, Partial, Unsatisfiable };

struct RangeDecision {
    RangeOutcome outcome = RangeOutcome::Full;
    ByteRange range;         // for Partial; for Full the whole file when it is not empty
    std::string_view reason; // why Full or Unsatisfiable (for the log), empty for Partial
};

// The decision for `range_header` (empty when the request has none) on a file of `size` bytes.
RangeDecision decide_range(std::string_view range_header, std::uint64_t size);

// "bytes 0-99/1000": the Content-Range of a 206.
std::string content_range(const ByteRange& range, std::uint64_t size);

// "bytes */1000": the Content-Range of a 416.
std::string unsatisfied_content_range(std::uint64_t size);

} // namespace mimamori::http
