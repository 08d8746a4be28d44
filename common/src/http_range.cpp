#include "mimamori/common/http_range.hpp"

#include <limits>
#include <optional>

namespace mimamori::http {
namespace {

constexpr std::uint64_t infinite = std::numeric_limits<std::uint64_t>::max();

// Digits to a number, saturating at `infinite`; std::nullopt when empty or not all digits.
std::optional<std::uint64_t> number(std::string_view s) {
    if (s.empty()) return std::nullopt;
    std::uint64_t n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        n = n > (infinite - digit) / 10 ? infinite : n * 10 + digit;
    }
    return n;
}

bool starts_with_bytes_unit(std::string_view header) {
    constexpr std::string_view unit = "bytes=";
    if (header.size() < unit.size()) return false;
    for (std::size_t i = 0; i < unit.size(); ++i) {
        char c = header[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != unit[i]) return false; // the unit is case-insensitive (RFC 9110 §14.1)
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

RangeDecision full(std::uint64_t size, std::string_view reason) {
    return RangeDecision{RangeOutcome::Full, size == 0 ? ByteRange{} : ByteRange{0, size - 1}, reason};
}

} // namespace

RangeDecision decide_range(std::string_view header, std::uint64_t size) {
    if (header.empty()) return full(size, "no Range header");
    if (!starts_with_bytes_unit(header)) return full(size, "not a bytes range");
    const std::string_view spec = trim(header.substr(6));
    if (spec.find(',') != std::string_view::npos) return full(size, "more than one range");
    const std::size_t dash = spec.find('-');
    if (dash == std::string_view::npos) return full(size, "malformed range");
    const std::string_view first_text = spec.substr(0, dash);
    const std::string_view last_text = spec.substr(dash + 1);

    if (first_text.empty()) { // suffix range: the last n bytes
        const auto n = number(last_text);
        if (!n) return full(size, "malformed range");
        if (*n == 0 || size == 0) return RangeDecision{RangeOutcome::Unsatisfiable, {}, "empty suffix range"};
        return RangeDecision{RangeOutcome::Partial, ByteRange{*n >= size ? 0 : size - *n, size - 1}, {}};
    }
    const auto first = number(first_text);
    if (!first) return full(size, "malformed range");
    std::uint64_t last = infinite;
    if (!last_text.empty()) {
        const auto parsed = number(last_text);
        if (!parsed) return full(size, "malformed range");
        if (*parsed < *first) return full(size, "range ends before it starts");
        last = *parsed;
    }
    if (*first >= size) return RangeDecision{RangeOutcome::Unsatisfiable, {}, "range starts past the end"};
    return RangeDecision{RangeOutcome::Partial, ByteRange{*first, last >= size ? size - 1 : last}, {}};
}

std::string content_range(const ByteRange& range, std::uint64_t size) {
    return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" + std::to_string(size);
}

std::string unsatisfied_content_range(std::uint64_t size) { return "bytes */" + std::to_string(size); }

} // namespace mimamori::http
