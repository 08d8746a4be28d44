#include "ui/fonts.hpp"

#include "family/family_text.hpp"
#include "files/files_text.hpp"
#include "i18n/i18n.hpp"
#include "ui/theme.hpp"

namespace mimamori::web::ui {
namespace {

// The code points of the subset font, as ImWchar range pairs ending in 0 (tools/font/subset.py).
// ImGui's own GetGlyphRangesJapanese() lacks about 4,000 of the kanji people type.
constexpr ImWchar kSubsetRanges[] = {
#include "glyph_ranges.inc"
};

// Kana and the full-width forms, for headings that join UI words.
constexpr ImWchar kHeadingExtraRanges[] = {0x3000, 0x30FF, 0xFF00, 0xFFEF, 0};
// Printable ASCII: what one-time codes are made of.
constexpr ImWchar kDisplayRanges[] = {0x0020, 0x007E, 0};

ImFontConfig font_config() {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false; // Fonts keeps the bytes for rebuilds
    // Rasterised at the exact device pixel size: oversampling would only blur and enlarge the
    // atlas (7,000+ glyphs).
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return config;
}

} // namespace

void Fonts::build(ImFontAtlas& atlas, float px_per_css_px) {
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    if (!loaded()) {
        atlas.AddFontDefault();
        return;
    }
    if (m_heading_ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(atlas.GetGlyphRangesDefault());
        builder.AddRanges(kHeadingExtraRanges);
        for (const Lang lang : {Lang::Ja, Lang::En}) {
            for (const i18n::Entry& e : i18n::table(lang)) builder.AddText(e.text);
        }
        // The layers that keep their own texts (a heading of theirs must not draw '?').
        const auto add_table = [&builder](const auto& table) {
            for (const auto& e : table) {
                builder.AddText(e.ja);
                builder.AddText(e.en);
            }
        };
        add_table(family::texts());
        add_table(files::texts());
        builder.BuildRanges(&m_heading_ranges);
    }
    const ImFontConfig config = font_config();
    const int size = static_cast<int>(m_ttf.size());
    atlas.AddFontFromMemoryTTF(m_ttf.data(), size, kBodyFontPx * px_per_css_px, &config, kSubsetRanges);
    atlas.AddFontFromMemoryTTF(m_ttf.data(), size, kBodyFontPx * kHeadingScale * px_per_css_px, &config,
                               m_heading_ranges.Data);
    atlas.AddFontFromMemoryTTF(m_ttf.data(), size, kBodyFontPx * kDisplayScale * px_per_css_px, &config, kDisplayRanges);
}

ImFont* heading_font() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > 1 ? atlas->Fonts[1] : atlas->Fonts[0];
}

ImFont* display_font() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > 2 ? atlas->Fonts[2] : atlas->Fonts[0];
}

} // namespace mimamori::web::ui
