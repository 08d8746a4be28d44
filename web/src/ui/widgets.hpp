#pragma once
// The project's widgets: ImGui's, styled for the app and described to the test hook (kind,
// value, label), so browser tests can find and read each one by its label. Screens use these
// rather than raw ImGui calls. `id` arguments are stable across languages ("###id"), so a widget
// keeps its state when the language changes.

#include <string>
#include <string_view>

#include "imgui.h"

namespace mimamori::web::ui {

// One em: the body font size in pixels (all layout is in em, never in pixels).
float em();

// Text wrapped at the column, in the body colour or muted.
void text(std::string_view s);
void text_muted(std::string_view s);
// A heading in the heading font (UI text only, see fonts.hpp).
void heading(std::string_view s);

enum class Tone { Ok, Warning, Error, Pending };
// A coloured dot and a line of text: the state of something, readable without the colour.
void status_line(Tone tone, std::string_view s);
// "label: value" in two columns, the label muted; `label_width_em` aligns rows.
void field_row(std::string_view label, std::string_view value, float label_width_em);

// A filled button (primary) or an outlined one; returns true when pressed.
bool button(const char* text, const char* id, bool enabled = true);
bool secondary_button(const char* text, const char* id, bool enabled = true);
// Two or more of these side by side make a switch; the selected one is filled.
bool toggle(const char* text, const char* id, bool selected);
// Text that navigates, underlined when hovered.
bool link(const char* text, const char* id);

// A caption above a full-width single-line text field; true when the text changed.
bool input_text(const char* caption, const char* id, std::string& value, const char* hint);

// A white card with a border around what is drawn between begin_card and end_card, the full
// width of the column. Cards do not nest.
void begin_card();
void end_card();

// Vertical space of `ems` em.
void space(float ems);

} // namespace mimamori::web::ui
