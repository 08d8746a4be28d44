#pragma once
// Where a line of text ends when it is wrapped at a width. ImGui wraps only at spaces, so a
// Japanese sentence (no spaces) jumps whole to the next line; this breaks between any two
// Japanese characters, and after spaces elsewhere, with the usual kinsoku rules: no line starts
// with closing punctuation, a small kana or the prolonged sound mark, and none ends with an
// opening bracket.

#include "imgui.h"

namespace mimamori::web::ui {

// The end of the first line of [text, end) wrapped at `width` pixels in `font` drawn at
// `scale`: at a newline, at the last break opportunity before the width is passed, or (a word
// longer than the line) where it is passed. Always past `text` when text < end.
const char* line_end(const ImFont& font, float scale, const char* text, const char* end, float width);

} // namespace mimamori::web::ui
