#pragma once
// The app's fonts: BIZ UD PGothic subset by tools/setup (every character of CP932 plus the UI's
// own), loaded from the bundle at start, rasterised at the screen's pixel ratio.
//
//   body     kBodyFontPx, every glyph of the subset (anything a user may type)
//   heading  kBodyFontPx * kHeadingScale, only the characters of the UI text tables, ASCII and
//            kana: for the app's own headings, never for data such as names
//   display  kBodyFontPx * kDisplayScale, printable ASCII only: a one-time code read from a
//            tablet across a room and typed by hand

#include <string>

#include "imgui.h"

namespace mimamori::web::ui {

class Fonts {
public:
    // The bytes of mimamori-ja.ttf.
    void set_data(std::string ttf) { m_ttf = std::move(ttf); }
    bool loaded() const { return !m_ttf.empty(); }

    // Adds the body and heading fonts to `atlas` for `px_per_css_px`; before the font file has
    // arrived, ImGui's built-in font stands in (the splash screen hides it).
    void build(ImFontAtlas& atlas, float px_per_css_px);

private:
    std::string m_ttf;
    ImVector<ImWchar> m_heading_ranges;
};

// The heading font of the current atlas (the body font while fonts are not loaded).
ImFont* heading_font();
// The display font (ASCII only; the body font while fonts are not loaded).
ImFont* display_font();

} // namespace mimamori::web::ui
