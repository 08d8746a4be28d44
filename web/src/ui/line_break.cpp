#include "ui/line_break.hpp"

#include <string_view>

#include "imgui_internal.h" // ImTextCharFromUtf8

namespace mimamori::web::ui {
namespace {

bool is_in(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

// 行頭禁則: what may not begin a line.
bool no_line_start(char32_t c) {
    return is_in(c, U"、。，．・：；？！゛゜ヽヾゝゞ々ー’”）〕］｝〉》」』】〙〗〟｠ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
                    U")]},.!?:;%");
}

// 行末禁則: what may not end a line.
bool no_line_end(char32_t c) { return is_in(c, U"（〔［｛〈《「『【〘〖〝｟‘“([{"); }

// Japanese and other East Asian text, where a line may break between any two characters.
bool breaks_anywhere(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

bool can_break_between(char32_t before, char32_t after) {
    if (before == ' ') return after != ' ';
    if (after == ' ' || no_line_start(after) || no_line_end(before)) return false;
    return breaks_anywhere(before) || breaks_anywhere(after);
}

} // namespace

const char* line_end(const ImFont& font, float scale, const char* text, const char* end, float width) {
    float x = 0.0f;
    const char* last_break = nullptr;
    char32_t previous = 0;
    for (const char* p = text; p < end;) {
        unsigned int c = 0;
        const char* next = p + ImTextCharFromUtf8(&c, p, end);
        if (c == '\n') return p;
        if (p != text && can_break_between(previous, c)) last_break = p;
        x += font.GetCharAdvance(static_cast<ImWchar>(c)) * scale;
        if (x > width && p != text && c != ' ') return last_break != nullptr ? last_break : p;
        previous = c;
        p = next;
    }
    return end;
}

} // namespace mimamori::web::ui
