#pragma once
// The look of the app: calm colours on warm paper, large readable text, generous spacing
// (clinicians on tablets, elderly family members at home). All sizes derive from the body font
// size, so the pixel ratio (and later a large-text mode) is one number.

#include "imgui.h"

namespace mimamori::web::ui {

// Font sizes in CSS pixels (ImGui's font size: ascent to descent, about 0.92 em of CSS text).
inline constexpr float kBodyFontPx = 20.0f;
inline constexpr float kHeadingScale = 1.35f;
inline constexpr float kDisplayScale = 3.0f; // one-time codes shown to be typed by hand

// The palette (sRGB).
namespace color {
inline constexpr ImU32 rgb(unsigned hex) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 0xFF);
}
inline constexpr ImU32 kPaper = rgb(0xF4F1EA);     // page background
inline constexpr ImU32 kCard = rgb(0xFFFFFF);
inline constexpr ImU32 kCardBorder = rgb(0xE0DAD0);
inline constexpr ImU32 kRowAlt = rgb(0xFAF8F4);
inline constexpr ImU32 kText = rgb(0x263238);
inline constexpr ImU32 kMuted = rgb(0x5B676D);
inline constexpr ImU32 kPrimary = rgb(0x2E7D6B);   // calm teal green
inline constexpr ImU32 kPrimaryHover = rgb(0x276B5C);
inline constexpr ImU32 kPrimaryActive = rgb(0x1F5A4D);
inline constexpr ImU32 kPrimarySoft = rgb(0xE3F0EC);
inline constexpr ImU32 kOk = rgb(0x2E7D4F);
inline constexpr ImU32 kWarning = rgb(0xB26A00);
inline constexpr ImU32 kError = rgb(0xB3261E);
inline constexpr ImU32 kErrorHover = rgb(0x8F1E18);
inline constexpr ImU32 kErrorSoft = rgb(0xFBEAE8);
inline constexpr ImU32 kPending = rgb(0x8A949A);
inline constexpr ImU32 kHeart = rgb(0xE0736A);

// The full views of images and media (files::begin_full_view): near-black and opaque (the screen
// behind showed through as grey clutter around the name), and the text roles in light
// counterparts (WCAG contrast on kViewer: text 16:1, muted 10:1, error 9:1, warning and ok 10:1;
// the day colours there are 1.4:1 for text and under 3.2:1 for the rest).
inline constexpr ImU32 kViewer = rgb(0x141414);
inline constexpr ImU32 kOnViewerText = kPaper;
inline constexpr ImU32 kOnViewerMuted = rgb(0xB8C2C6);
inline constexpr ImU32 kOnViewerError = rgb(0xF4A29B);
inline constexpr ImU32 kOnViewerWarning = rgb(0xF0B860);
inline constexpr ImU32 kOnViewerOk = rgb(0x8FD3A8);
} // namespace color

// Sets ImGui's colours and sizes for `px_per_css_px` device pixels per CSS pixel.
void apply_theme(float px_per_css_px);

} // namespace mimamori::web::ui
