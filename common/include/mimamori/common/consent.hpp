#pragma once
// The patient's consent to sharing (同意書必須, issue 4): the consent texts, versioned, and the
// drawn signature of an e-consent.
//
// The texts live here, in common/, so that the app shows exactly the bytes the server stores:
// the app sends the version it showed and the SHA-256 of that text, and the server refuses a
// hash that does not match its own copy, then keeps the text itself with the record. A text is
// never edited once published; a change is a new version (the records keep the old one).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::consent {

struct ConsentText {
    std::string_view version; // "2026-04"
    std::string_view text;    // UTF-8, LF line ends
};

// Every published version, oldest first.
std::span<const ConsentText> texts();
// The version new consents are signed with (the newest).
const ConsentText& current_text();
// The text of `version`, or none for a version that was never published.
std::optional<std::string_view> text_of(std::string_view version);
// Lower-case hex SHA-256 of a text's UTF-8 bytes (what "text_sha256" carries).
std::string sha256_hex(std::string_view text);

// A signature drawn with a finger or a pen on a canvas of width x height (CSS pixels), stroke by
// stroke, each stroke the points of one touch from down to up.
struct Point {
    double x = 0;
    double y = 0;
};
struct Signature {
    double width = 0;
    double height = 0;
    std::vector<std::vector<Point>> strokes;
};

inline constexpr std::size_t max_strokes = 500;
inline constexpr std::size_t max_points = 50000; // all strokes together
inline constexpr double max_canvas = 10000;

// Reads {"strokes":[[[x,y],...],...],"width","height"}. InvalidInput naming the field (under
// `field`, e.g. "signature.strokes") when it is not that shape, when the canvas is not 1..10000
// wide and high, when a point lies far outside it, when it is larger than the limits above, and
// when it is empty: no stroke of at least two points ("sign with a finger or a pen").
Result<Signature> read_signature(const Json& value, std::string_view field = "signature");
// The same shape, as stored and sent back.
Json to_json(const Signature& signature);
// The strokes as an SVG image of the canvas's size (black round-capped lines on transparent),
// for the record's view and printout.
std::string to_svg(const Signature& signature);

} // namespace mimamori::consent
