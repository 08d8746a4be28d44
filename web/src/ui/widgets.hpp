#pragma once
// The project's widgets: ImGui's, styled for the app and described to the test hook (kind,
// value, label), so browser tests can find and read each one by its label. Screens use these
// rather than raw ImGui calls. `id` arguments are stable across languages ("###id"), so a widget
// keeps its state when the language changes.

#include <span>
#include <string>
#include <string_view>

#include "imgui.h"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::web::ui {

// One em: the body font size in pixels (all layout is in em, never in pixels).
float em();

// Widgets drawn between these are on a dark surface (the full views of images and media): text in
// the body, muted, error, warning and ok colours takes their light counterparts (theme.hpp). Nests.
void begin_dark_surface();
void end_dark_surface();

// Text wrapped at the column, in the body colour or muted.
void text(std::string_view s);
void text_muted(std::string_view s);
// A heading in the heading font (UI text only, see fonts.hpp).
void heading(std::string_view s);
// A heading that is data (a patient's or a team's name): the body font, which has every glyph a
// name may hold, drawn at a heading's size.
void name_heading(std::string_view s);

enum class Tone { Ok, Warning, Error, Pending };
// A coloured dot and a line of text: the state of something, readable without the colour.
void status_line(Tone tone, std::string_view s);
// A state as a small label in a rounded frame of the tone's colour ("同意あり", "撤回"), on the
// current line; the test hook reports it as text with the value "badge".
void badge(std::string_view s, Tone tone);
// A line in the display font (fonts.hpp: ASCII only), for a one-time code read from a tablet
// and typed by hand.
void display_text(std::string_view s);
// "label: value" in two columns, the label muted; `label_width_em` aligns rows.
void field_row(std::string_view label, std::string_view value, float label_width_em);

// A filled button (primary) or an outlined one; returns true when pressed.
bool button(const char* text, const char* id, bool enabled = true);
bool secondary_button(const char* text, const char* id, bool enabled = true);
// Two or more of these side by side make a switch; the selected one is filled.
bool toggle(const char* text, const char* id, bool selected);
// Text that navigates, underlined when hovered.
bool link(const char* text, const char* id);

// A button for what cannot be undone (delete, un-affiliate), filled in the error colour.
bool danger_button(const char* text, const char* id, bool enabled = true);

// A caption above a full-width single-line text field; true when the text changed.
bool input_text(const char* caption, const char* id, std::string& value, const char* hint);

struct InputOptions {
    const char* hint = "";
    bool password = false; // shown as dots; its value is never reported to the test hook
    bool enabled = true;
    float width_em = 0.0f; // 0: the full width of the column or card
};
bool input_text(const char* caption, const char* id, std::string& value, const InputOptions& options);

// Forgets what the last active text field held in ImGui's own buffers (after a password was
// used): overwritten, not just released.
void forget_text_input();

// A check box with its text to the right; true when it was toggled.
bool checkbox(const char* text, const char* id, bool& value);

// A caption above a drop-down list of `options`, shown in `lang`; `code` holds the chosen
// option's code. With `any_label`, a first entry of that text stands for "" (no choice).
// True when the choice changed.
bool select(const char* caption, const char* id, std::span<const Label> options, std::string& code, Lang lang,
            const char* any_label = nullptr, float width_em = 0.0f);

// Text in the error colour (a field's problem, a refusal).
void error_text(std::string_view s);

// A line with a tick (ok) or an open circle (not yet) before its text: one rule of a checklist.
// The test hook reports its value as "ok" or "missing".
void check_line(bool ok, std::string_view s);

// A white card with a border around what is drawn between begin_card and end_card, the full
// width of the column, or at most `max_width_em` (a form in a wide column). Cards do not nest.
inline constexpr float kFormWidthEm = 42.0f;
void begin_card(float max_width_em = 0.0f);
// The width from the cursor to the right edge of what it is drawing in: the card's padding in a
// card, else the column's edge (a table, a full-width field).
float content_width();
void end_card();

// Fields side by side (a search bar): each a caption above its input, their tops aligned, on
// one line while they fit. Call next() before each field; the destructor ends the row.
class FieldRow {
public:
    FieldRow();
    ~FieldRow();
    FieldRow(const FieldRow&) = delete;
    FieldRow& operator=(const FieldRow&) = delete;
    void next();

private:
    void end_field();

    ImVec2 m_start; // screen position of the row
    float m_top;    // of the current line
    float m_bottom; // the lowest field so far
    bool m_started = false;
};

// Vertical space of `ems` em.
void space(float ems);

// Whether something is drawn again after frames it was not (a screen opened anew): where a
// screen reloads what may have changed in the meantime. Call once per frame it is drawn.
class Appearance {
public:
    bool just_shown();

private:
    int m_last_frame = -2;
};

} // namespace mimamori::web::ui
