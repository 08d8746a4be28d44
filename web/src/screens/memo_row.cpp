#include "screens/memo_row.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "platform/clock.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/line_break.hpp"
#include "ui/profession_icon.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

constexpr int kTextLines = 2; // lines of the memo's text a row shows

// The lines of `text` wrapped at `width` (at most `max_lines`; the last ends with "…" when cut).
std::vector<std::string> wrapped_lines(std::string_view text, float width, int max_lines) {
    std::vector<std::string> out;
    const ImFont& font = *ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font.FontSize;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end && static_cast<int>(out.size()) < max_lines) {
        const char* e = ui::line_end(font, scale, p, end, width);
        std::string line(p, e);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        out.push_back(std::move(line));
        p = e;
        while (p < end && (*p == '\n' || *p == '\r')) ++p;
    }
    if (p < end && !out.empty()) out.back() += "…";
    return out;
}

std::string field_value(Lang lang, const Json& v) {
    if (v.is_boolean()) return i18n::tr(lang, v.get<bool>() ? Msg::Yes : Msg::No);
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

// One line summing up the structured fields, or the retraction.
std::string summary_line(Lang lang, const api::Memo& memo) {
    if (memo.retracted) return i18n::fmt(i18n::tr(lang, Msg::MemoRetractedBecause), {memo.retraction_reason});
    std::string out;
    for (const MemoFieldInfo& f : memo_fields()) {
        const auto it = memo.content.find(f.label.code);
        if (it == memo.content.end() || it->is_null()) continue;
        if (!out.empty()) out += " ・ ";
        out += std::string(f.label.in(lang)) + ": " + field_value(lang, *it);
    }
    return out;
}

} // namespace

std::vector<Label> memo_kind_labels() {
    std::vector<Label> out;
    for (const MemoKindInfo& k : memo_kinds()) out.push_back(k.label);
    return out;
}

std::string memo_kind_text(Lang lang, std::string_view code) {
    if (const auto kind = memo_kind_from_code(code)) return std::string(label(*kind).in(lang));
    return std::string(code);
}

float memo_row_height() {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    // byline (icon), text lines, the summary line, the button row, padding and the gap below.
    return 1.6f * ui::em() + style.ItemSpacing.y + (kTextLines + 1) * line + ImGui::GetFrameHeightWithSpacing() +
           2.0f * 0.6f * ui::em() + 0.5f * ui::em();
}

void draw_memo_byline(Lang lang, const api::Memo& memo) {
    ui::profession_icon(memo.author_profession, lang, 1.5f);
    ImGui::SameLine();
    const float icon_h = 1.5f * ui::em();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (icon_h - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::TextUnformatted(memo.author_name.c_str());
    test_hook::describe_last_item(test_hook::Kind::Text, memo.author_name);
    ImGui::SameLine();
    const std::string where = memo.facility_name + "  " + clock::local_time(memo.created_at);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::kMuted);
    ImGui::TextUnformatted(where.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ui::badge(memo_kind_text(lang, memo.kind), memo.kind == "instruction" ? ui::Tone::Warning : ui::Tone::Ok);
    if (memo.edited) {
        ImGui::SameLine();
        ui::badge(i18n::tr(lang, Msg::MemoEdited), ui::Tone::Pending);
    }
    if (memo.retracted) {
        ImGui::SameLine();
        ui::badge(i18n::tr(lang, Msg::MemoRetracted), ui::Tone::Error);
    }
}

MemoRowAction draw_memo_row(Lang lang, const api::Memo& memo, bool with_patient) {
    MemoRowAction action;
    const float pad = 0.6f * ui::em();
    const float height = memo_row_height() - 0.5f * ui::em();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 bg = memo.retracted ? ui::color::kRowAlt : ui::color::kCard;
    draw->AddRectFilled(start, ImVec2(start.x + width, start.y + height), bg, 0.4f * ui::em());
    draw->AddRect(start, ImVec2(start.x + width, start.y + height),
                  memo.read_by_me ? ui::color::kCardBorder : ui::color::kPrimary, 0.4f * ui::em(), 0,
                  memo.read_by_me ? 1.0f : std::max(2.0f, 0.12f * ui::em()));
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
    ImGui::BeginGroup();
    ImGui::PushClipRect(start, ImVec2(start.x + width - pad, start.y + height), true);
    draw_memo_byline(lang, memo);
    const float inner = width - 2.0f * pad;
    const auto lines = wrapped_lines(memo.text, inner, kTextLines);
    ImGui::PushStyleColor(ImGuiCol_Text, memo.retracted ? ui::color::kMuted : ui::color::kText);
    for (int i = 0; i < kTextLines; ++i) {
        const std::string& line = i < static_cast<int>(lines.size()) ? lines[static_cast<std::size_t>(i)] : std::string();
        ImGui::TextUnformatted(line.empty() ? " " : line.c_str());
    }
    ImGui::PopStyleColor();
    test_hook::describe_last_item(test_hook::Kind::Text, memo.text, memo.text);
    const std::string summary = summary_line(lang, memo);
    ImGui::PushStyleColor(ImGuiCol_Text, memo.retracted ? ui::color::kError : ui::color::kMuted);
    ImGui::TextUnformatted(summary.empty() ? " " : summary.c_str());
    ImGui::PopStyleColor();
    if (!summary.empty()) test_hook::describe_last_item(test_hook::Kind::Text, summary);
    if (ui::secondary_button(i18n::tr(lang, Msg::Open), "memo-open")) action.open = true;
    ImGui::SameLine();
    std::string state;
    if (!memo.read_by_me) state = i18n::tr(lang, Msg::MemoUnread);
    if (!memo.read_by.empty()) {
        if (!state.empty()) state += "  ";
        state += i18n::fmt(i18n::tr(lang, Msg::MemoReadCount), {std::to_string(memo.read_by.size())});
    }
    if (memo.acknowledgement && !memo.acknowledgement->pending.empty()) {
        if (!state.empty()) state += "  ";
        state += i18n::fmt(i18n::tr(lang, Msg::MemoAckPendingCount), {std::to_string(memo.acknowledgement->pending.size())});
    }
    if (!memo.attachments.empty()) { // the thumbnails are in the memo's full view
        if (!state.empty()) state += "  ";
        state += i18n::fmt(i18n::tr(lang, Msg::MemoAttachmentCount), {std::to_string(memo.attachments.size())});
    }
    if (with_patient) {
        if (!state.empty()) state += "  ";
        state += i18n::fmt(i18n::tr(lang, Msg::MemoPatientNumber), {std::to_string(memo.patient_id)});
    }
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::kMuted);
    ImGui::TextUnformatted(state.empty() ? " " : state.c_str());
    ImGui::PopStyleColor();
    if (!state.empty()) test_hook::describe_last_item(test_hook::Kind::Text, state);
    ImGui::PopClipRect();
    ImGui::EndGroup();
    // Every row takes exactly memo_row_height(), as the clipper was told.
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + memo_row_height() - ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(width, 0.0f));
    return action;
}

void struck_text(std::string_view text) {
    const float width = ImGui::GetContentRegionAvail().x;
    const auto lines = wrapped_lines(text, width, 1000);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::kMuted);
    ImGui::BeginGroup();
    for (const std::string& line : lines) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImGui::TextUnformatted(line.empty() ? " " : line.c_str());
        const float w = ImGui::CalcTextSize(line.c_str()).x;
        const float y = pos.y + ImGui::GetTextLineHeight() * 0.55f;
        draw->AddLine(ImVec2(pos.x, y), ImVec2(pos.x + w, y), ui::color::kMuted, std::max(1.0f, 0.08f * ui::em()));
    }
    ImGui::EndGroup();
    ImGui::PopStyleColor();
    test_hook::describe_last_item(test_hook::Kind::Text, "struck", text);
}

void draw_memo_fields(Lang lang, const Json& content, bool struck) {
    for (const MemoFieldInfo& f : memo_fields()) {
        const auto it = content.find(f.label.code);
        if (it == content.end() || it->is_null()) continue;
        const std::string line = std::string(f.label.in(lang)) + ": " + field_value(lang, *it);
        if (struck) {
            struck_text(line);
        } else {
            ui::text(line);
        }
    }
}

} // namespace mimamori::web
