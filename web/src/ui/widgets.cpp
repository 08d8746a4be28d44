#include "ui/widgets.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "imgui_internal.h"
#include "imgui_stdlib.h"

#include "mimamori/common/text.hpp"

#include "test_hook/test_hook.hpp"
#include "ui/line_break.hpp"
#include "ui/fonts.hpp"
#include "ui/theme.hpp"

namespace mimamori::web::ui {
namespace {

using test_hook::Kind;

std::string with_id(const char* text, const char* id) { return std::string(text) + "###" + id; }

void hand_cursor_when_hovered() {
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
}

struct CardState {
    ImVec2 start;
    float width = 0.0f;
    float padding = 0.0f;
};
CardState g_card;
bool g_in_card = false;
int g_dark_surfaces = 0; // begin_dark_surface() depth

// A text colour as drawn on the current surface.
ImU32 on_surface(ImU32 colour) {
    if (g_dark_surfaces == 0) return colour;
    switch (colour) {
    case color::kText: return color::kOnViewerText;
    case color::kMuted: return color::kOnViewerMuted;
    case color::kError: return color::kOnViewerError;
    case color::kWarning: return color::kOnViewerWarning;
    case color::kOk: return color::kOnViewerOk;
    default: return colour;
    }
}

// Text wrapped line by line with a little air between lines (ImGui's own wrapping sets lines
// one font size apart, too tight for long Japanese sentences and for older eyes). Wraps at the
// card's inner edge inside a card (begin_card sets the wrap position), else at the column's.
// `state` is what the test hook reports as the text's value (the text itself when empty).
void wrapped(std::string_view s, ImU32 colour, Kind kind, std::string_view state = {}) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (!g_in_card) ImGui::PushTextWrapPos(0.0f);
    const float wrap_width = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, window->DC.TextWrapPos);
    if (!g_in_card) ImGui::PopTextWrapPos();
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;

    ImGui::PushStyleColor(ImGuiCol_Text, on_surface(colour));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.3f * em()));
    ImGui::BeginGroup();
    const char* p = s.data();
    const char* end = s.data() + s.size();
    do {
        const char* stop = line_end(*font, scale, p, end, wrap_width);
        ImGui::TextUnformatted(p, stop);
        p = stop;
        // The break itself is not drawn: one newline, or the spaces where a line was wrapped
        // (a blank line of the text stays a blank line).
        if (p < end && *p == '\n') {
            ++p;
        } else {
            while (p < end && *p == ' ') ++p;
        }
    } while (p < end);
    ImGui::PopStyleVar(); // before EndGroup: the paragraph is followed by the usual spacing
    ImGui::EndGroup();
    ImGui::PopStyleColor();
    test_hook::describe_last_item(kind, state.empty() ? s : state, s);
}

ImU32 tone_colour(Tone tone) {
    switch (tone) {
    case Tone::Ok: return color::kOk;
    case Tone::Warning: return color::kWarning;
    case Tone::Error: return color::kError;
    case Tone::Pending: break;
    }
    return color::kPending;
}

} // namespace

float em() { return ImGui::GetFontSize(); }

void begin_dark_surface() { ++g_dark_surfaces; }
void end_dark_surface() {
    assert(g_dark_surfaces > 0 && "end_dark_surface() without begin_dark_surface()");
    --g_dark_surfaces;
}

void text(std::string_view s) { wrapped(s, color::kText, Kind::Text); }
void text_muted(std::string_view s) { wrapped(s, color::kMuted, Kind::Text); }

void heading(std::string_view s) {
    ImGui::PushFont(heading_font());
    wrapped(s, color::kText, Kind::Heading);
    ImGui::PopFont();
}

void name_heading(std::string_view s) {
    ImGui::SetWindowFontScale(kHeadingScale);
    wrapped(s, color::kText, Kind::Heading);
    ImGui::SetWindowFontScale(1.0f);
}

void status_line(Tone tone, std::string_view s) {
    const ImU32 colour = tone_colour(tone);
    const float radius = 0.35f * em();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + radius, pos.y + 0.5f * ImGui::GetTextLineHeight()),
                                                radius, colour);
    ImGui::Indent(radius * 2.0f + 0.5f * em());
    wrapped(s, tone == Tone::Ok || tone == Tone::Pending ? color::kText : colour, Kind::Text);
    ImGui::Unindent(radius * 2.0f + 0.5f * em());
}

void badge(std::string_view s, Tone tone) {
    const ImU32 colour = tone_colour(tone);
    const ImVec2 pad(0.45f * em(), 0.12f * em());
    const ImVec2 text_size = ImGui::CalcTextSize(s.data(), s.data() + s.size());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    // Centred on a frame's line, so a badge sits level with the buttons and text beside it.
    const float top = pos.y + std::max(0.0f, (ImGui::GetFrameHeight() - text_size.y - 2.0f * pad.y) * 0.5f);
    const ImVec2 min(pos.x, top);
    const ImVec2 max(pos.x + text_size.x + 2.0f * pad.x, top + text_size.y + 2.0f * pad.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec4 soft = ImGui::ColorConvertU32ToFloat4(colour);
    soft = ImVec4(0.88f + soft.x * 0.12f, 0.88f + soft.y * 0.12f, 0.88f + soft.z * 0.12f, 1.0f);
    dl->AddRectFilled(min, max, ImGui::ColorConvertFloat4ToU32(soft), 0.5f * em());
    dl->AddRect(min, max, colour, 0.5f * em(), 0, std::max(1.0f, 0.06f * em()));
    dl->AddText(ImVec2(min.x + pad.x, min.y + pad.y), colour, s.data(), s.data() + s.size());
    ImGui::Dummy(ImVec2(max.x - pos.x, std::max(max.y, pos.y + ImGui::GetFrameHeight()) - pos.y));
    test_hook::describe_last_item(Kind::Text, "badge", s);
}

void display_text(std::string_view s) {
    ImGui::PushFont(display_font());
    ImGui::PushStyleColor(ImGuiCol_Text, color::kText);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    test_hook::describe_last_item(Kind::Text, s);
}

void field_row(std::string_view label, std::string_view value, float label_width_em) {
    // Screen coordinates: SameLine's offset counts from an enclosing group (a card), the cursor
    // position from the window.
    const float value_x = ImGui::GetCursorScreenPos().x + label_width_em * em();
    wrapped(label, color::kMuted, Kind::Text);
    // A label longer than its column (English) puts the value on the next line, still aligned.
    if (ImGui::GetItemRectMax().x + 0.5f * em() <= value_x) ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(value_x, ImGui::GetCursorScreenPos().y));
    wrapped(value, color::kText, Kind::Text);
}

// A framed button in the given colours, described to the test hook.
struct ButtonColours {
    ImU32 text, border, fill, hovered, pressed;
};
bool framed_button(const char* text, const char* id, bool enabled, const ButtonColours& c) {
    ImGui::BeginDisabled(!enabled);
    ImGui::PushStyleColor(ImGuiCol_Text, c.text);
    ImGui::PushStyleColor(ImGuiCol_Border, c.border);
    ImGui::PushStyleColor(ImGuiCol_Button, c.fill);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, c.hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, c.pressed);
    const bool pressed = ImGui::Button(with_id(text, id).c_str());
    ImGui::PopStyleColor(5);
    hand_cursor_when_hovered();
    test_hook::describe_last_item(Kind::Button);
    ImGui::EndDisabled();
    return pressed;
}

bool button(const char* text, const char* id, bool enabled) {
    return framed_button(text, id, enabled,
                         {color::kCard, color::kPrimary, color::kPrimary, color::kPrimaryHover, color::kPrimaryActive});
}

bool secondary_button(const char* text, const char* id, bool enabled) {
    return framed_button(text, id, enabled,
                         {color::kPrimary, color::kPrimary, color::kCard, color::kPrimarySoft, color::kPrimarySoft});
}

bool danger_button(const char* text, const char* id, bool enabled) {
    return framed_button(text, id, enabled,
                         {color::kCard, color::kError, color::kError, color::kErrorHover, color::kErrorHover});
}

bool toggle(const char* text, const char* id, bool selected) {
    const bool pressed = selected ? button(text, id) : secondary_button(text, id);
    test_hook::describe_last_item(Kind::Button, selected ? "selected" : "");
    return pressed;
}

bool link(const char* text, const char* id) {
    ImGui::PushStyleColor(ImGuiCol_Text, color::kPrimary);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(text);
    const bool pressed = ImGui::InvisibleButton(id, size);
    ImGui::GetWindowDrawList()->AddText(pos, color::kPrimary, text);
    if (ImGui::IsItemHovered() || ImGui::IsItemFocused()) {
        const float y = pos.y + size.y - 0.05f * em();
        ImGui::GetWindowDrawList()->AddLine(ImVec2(pos.x, y), ImVec2(pos.x + size.x, y), color::kPrimary,
                                            std::max(1.0f, 0.06f * em()));
    }
    ImGui::PopStyleColor();
    hand_cursor_when_hovered();
    test_hook::describe_last_item(Kind::Link, {}, text);
    return pressed;
}

bool input_text(const char* caption, const char* id, std::string& value, const char* hint) {
    return input_text(caption, id, value, InputOptions{.hint = hint});
}

bool input_text(const char* caption, const char* id, std::string& value, const InputOptions& options) {
    wrapped(caption, color::kText, Kind::Text);
    if (options.width_em > 0.0f) {
        ImGui::SetNextItemWidth(options.width_em * em());
    } else if (!g_in_card) {
        ImGui::SetNextItemWidth(-FLT_MIN); // in a card: the card's inner width
    }
    const std::string key = std::string("##") + id;
    ImGui::BeginDisabled(!options.enabled);
    const ImGuiInputTextFlags flags = options.password ? ImGuiInputTextFlags_Password : 0;
    const bool changed = ImGui::InputTextWithHint(key.c_str(), options.hint, &value, flags);
    ImGui::EndDisabled();
    if (ImGui::IsItemActive()) {
        // The active field is outlined in the primary colour, thicker than the resting border.
        const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::GetWindowDrawList()->AddRect(r.Min, r.Max, color::kPrimary, ImGui::GetStyle().FrameRounding, 0,
                                            std::max(2.0f, 0.12f * em()));
    }
    // A password is reported as dots of its length: tests see that it was typed, never what.
    test_hook::describe_last_item(Kind::Input, options.password ? std::string(text::length(value), '*') : value,
                                  caption);
    return changed;
}

void forget_text_input() {
    ImGuiInputTextState& state = GImGui->InputTextState;
    auto wipe = [](auto& vector) {
        if (vector.Data != nullptr) std::memset(vector.Data, 0, static_cast<std::size_t>(vector.size_in_bytes()));
    };
    wipe(state.TextW);
    wipe(state.TextA);
    wipe(state.InitialTextA);
    state.CurLenW = 0;
    state.CurLenA = 0;
    ImGui::ClearActiveID();
}

bool checkbox(const char* text, const char* id, bool& value) {
    const bool pressed = ImGui::Checkbox(with_id(text, id).c_str(), &value);
    hand_cursor_when_hovered();
    test_hook::describe_last_item(Kind::Checkbox, value ? "true" : "false");
    return pressed;
}

bool select(const char* caption, const char* id, std::span<const Label> options, std::string& code, Lang lang,
            const char* any_label, float width_em) {
    wrapped(caption, color::kText, Kind::Text);
    if (width_em > 0.0f) {
        // Never wider than the room there is (a phone's card): the list would be cut off.
        const float room = g_in_card ? ImGui::CalcItemWidth() : ImGui::GetContentRegionAvail().x;
        ImGui::SetNextItemWidth(std::min(width_em * em(), std::max(room, 4.0f * em())));
    } else if (!g_in_card) {
        ImGui::SetNextItemWidth(-FLT_MIN);
    }
    std::string preview = any_label != nullptr ? any_label : "";
    for (const Label& option : options) {
        if (option.code == code) preview = std::string(option.in(lang));
    }
    const std::string key = std::string("##") + id;
    const ImGuiID item_id = ImGui::GetID(key.c_str());
    bool changed = false;
    if (ImGui::BeginCombo(key.c_str(), preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        auto entry = [&](std::string_view text_shown, std::string_view option_code) {
            const bool selected = option_code == code;
            const std::string label = std::string(text_shown) + "###" + std::string(option_code);
            if (ImGui::Selectable(label.c_str(), selected)) {
                changed = code != option_code;
                code = std::string(option_code);
            }
            if (selected) ImGui::SetItemDefaultFocus();
        };
        if (any_label != nullptr) entry(any_label, "");
        for (const Label& option : options) entry(option.in(lang), option.code);
        ImGui::EndCombo();
    }
    test_hook::describe_item(item_id, Kind::Combo, preview, caption);
    return changed;
}

void error_text(std::string_view s) { wrapped(s, color::kError, Kind::Text); }

void check_line(bool ok, std::string_view s) {
    // Drawn, not typed: the font has no tick mark.
    const float size = 0.8f * em();
    const float thickness = std::max(1.5f, 0.13f * em());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float top = p.y + 0.5f * (ImGui::GetTextLineHeight() - size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (ok) {
        const ImVec2 points[] = {ImVec2(p.x + 0.1f * size, top + 0.55f * size), ImVec2(p.x + 0.4f * size, top + 0.85f * size),
                                 ImVec2(p.x + 0.95f * size, top + 0.2f * size)};
        dl->AddPolyline(points, 3, color::kOk, ImDrawFlags_None, thickness);
    } else { // not yet: a quiet open circle, not an alarm while the person is still typing
        dl->AddCircle(ImVec2(p.x + 0.5f * size, top + 0.5f * size), 0.4f * size, color::kPending, 0, thickness);
    }
    const float indent = size + 0.5f * em();
    ImGui::Indent(indent);
    wrapped(s, ok ? color::kText : color::kMuted, Kind::Text, ok ? "ok" : "missing");
    ImGui::Unindent(indent);
}

float content_width() {
    if (!g_in_card) return ImGui::GetContentRegionAvail().x;
    return g_card.start.x + g_card.width - g_card.padding - ImGui::GetCursorScreenPos().x;
}

void begin_card(float max_width_em) {
    assert(!g_in_card && "cards do not nest");
    g_in_card = true;
    g_card.start = ImGui::GetCursorScreenPos();
    g_card.width = ImGui::GetContentRegionAvail().x;
    if (max_width_em > 0.0f) g_card.width = std::min(g_card.width, max_width_em * em());
    g_card.padding = 1.25f * em();
    // Content on channel 1, the card drawn behind it on channel 0 once its height is known.
    ImGui::GetWindowDrawList()->ChannelsSplit(2);
    ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(g_card.start.x + g_card.padding, g_card.start.y + g_card.padding));
    ImGui::BeginGroup();
    const float inner = g_card.width - 2.0f * g_card.padding;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
    ImGui::PushItemWidth(inner);
}

void end_card() {
    assert(g_in_card);
    ImGui::PopItemWidth();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y + g_card.padding;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSetCurrent(0);
    const ImVec2 min = g_card.start;
    const ImVec2 max(g_card.start.x + g_card.width, bottom);
    const float rounding = 0.6f * em();
    dl->AddRectFilled(min, max, color::kCard, rounding);
    dl->AddRect(min, max, color::kCardBorder, rounding, 0, ImGui::GetStyle().FrameBorderSize);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(g_card.start);
    ImGui::Dummy(ImVec2(g_card.width, bottom - g_card.start.y));
    g_in_card = false;
}

FieldRow::FieldRow()
    : m_start(ImGui::GetCursorScreenPos()), m_top(m_start.y), m_bottom(m_start.y) {}

FieldRow::~FieldRow() {
    if (!m_started) return;
    end_field();
    // Below the whole row (an item there tells ImGui the row's extent is used).
    ImGui::SetCursorScreenPos(ImVec2(m_start.x, m_bottom + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(0.0f, 0.0f));
}

void FieldRow::end_field() {
    ImGui::EndGroup();
    m_bottom = std::max(m_bottom, ImGui::GetItemRectMax().y);
}

void FieldRow::next() {
    // Fields are placed by position, not SameLine: SameLine would align a caption to the last
    // field's frame, and cannot wrap.
    if (m_started) {
        end_field();
        const float x = ImGui::GetItemRectMax().x + 1.0f * em();
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (x + 10.0f * em() > right) { // the next field (~10 em) would not fit: a new line
            m_top = m_bottom + ImGui::GetStyle().ItemSpacing.y;
            ImGui::SetCursorScreenPos(ImVec2(m_start.x, m_top));
        } else {
            ImGui::SetCursorScreenPos(ImVec2(x, m_top));
        }
    }
    m_started = true;
    ImGui::BeginGroup();
}

void space(float ems) { ImGui::Dummy(ImVec2(0.0f, ems * em())); }

bool Appearance::just_shown() {
    const int frame = ImGui::GetFrameCount();
    const bool shown_again = frame != m_last_frame && frame != m_last_frame + 1;
    m_last_frame = frame;
    return shown_again;
}

} // namespace mimamori::web::ui
