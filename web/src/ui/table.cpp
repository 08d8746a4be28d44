#include "ui/table.hpp"

#include <algorithm>

#include "test_hook/test_hook.hpp"
#include "ui/line_break.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::ui {
namespace {

constexpr float kTextTableMaxHeightEm = 26.0f;
// Tables are stacked only below this width (a phone's): a tablet keeps its tables, cut cells
// and all (their whole text on hover).
constexpr float kStackBelowEm = 30.0f;

// The table begun last, when it is stacked: its headers and where a row's next cell goes.
struct Stacked {
    bool on = false;
    std::vector<const char*> labels;
    float value_x = 0.0f; // from the cell's left edge: past the widest header
    int column = 0;       // the next cell's column in the row
};
Stacked g_stacked;

// Whether every column gets at least its header's width at `width` (ImGui shares what the fixed
// columns leave among the stretching ones by their weights).
bool columns_fit(std::span<const Column> columns, float width) {
    const float padding = 2.0f * ImGui::GetStyle().CellPadding.x;
    float left = width, weights = 0.0f;
    for (const Column& c : columns) {
        left -= padding + (c.fixed ? c.weight * em() : 0.0f);
        if (!c.fixed) weights += c.weight;
    }
    if (left < 0.0f) return false;
    for (const Column& c : columns) {
        if (!c.fixed && left * c.weight / weights < ImGui::CalcTextSize(c.label).x) return false;
    }
    return true;
}

// Stacked: the next column's line of the row -- its header, muted, then the cursor where its
// value goes (a column without a header: at the line's start).
void stacked_line() {
    if (g_stacked.column == 0) ImGui::TableNextColumn();
    const std::size_t i = static_cast<std::size_t>(g_stacked.column++);
    const char* label = i < g_stacked.labels.size() ? g_stacked.labels[i] : "";
    if (*label == '\0') return;
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
    ImGui::TextUnformatted(label);
    ImGui::PopStyleColor();
    test_hook::describe_last_item(test_hook::Kind::Text, label);
    ImGui::SameLine(g_stacked.value_x);
}

void cell_text(std::string_view s, ImU32 colour) {
    if (g_stacked.on) {
        stacked_line();
    } else {
        ImGui::TableNextColumn();
    }
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopStyleColor();
    test_hook::describe_last_item(test_hook::Kind::Text, s);
    // The column cuts long text: the whole of it on hover.
    if (ImGui::IsItemHovered() && ImGui::GetItemRectSize().x > ImGui::GetContentRegionAvail().x + 1.0f) {
        ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), ImVec2(30.0f * em(), FLT_MAX));
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(s.data(), s.data() + s.size());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

} // namespace

float fitting_width_em(std::string_view sample) {
    // A fixed column's width is its content's (ImGui adds the cell padding), with a little air.
    return ImGui::CalcTextSize(sample.data(), sample.data() + sample.size()).x / em() + 0.25f;
}

float buttons_width_em(std::initializer_list<std::string_view> labels) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = 0.0f;
    int shown = 0;
    for (std::string_view label : labels) {
        if (label.empty()) continue;
        width += ImGui::CalcTextSize(label.data(), label.data() + label.size()).x + 2.0f * style.FramePadding.x;
        ++shown;
    }
    if (shown > 1) width += static_cast<float>(shown - 1) * style.ItemSpacing.x;
    return std::max(width / em(), 0.5f);
}

bool begin_table(const char* id, std::span<const Column> columns) {
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                       ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    // Within a card's padding (a form's narrower card too), else the column's width.
    const float width = content_width();
    g_stacked = Stacked{};
    if (width < kStackBelowEm * em() && !columns_fit(columns, width)) {
        if (!ImGui::BeginTable(id, 1, kFlags, ImVec2(width, 0.0f))) return false;
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
        g_stacked.on = true;
        float widest = 0.0f;
        for (const Column& c : columns) {
            g_stacked.labels.push_back(c.label);
            widest = std::max(widest, ImGui::CalcTextSize(c.label).x);
        }
        // The headers' column never takes more than about half of a phone's width.
        g_stacked.value_x = std::min(widest, 0.45f * width) + em();
        return true;
    }
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), kFlags, ImVec2(width, 0.0f))) return false;
    for (const Column& c : columns) {
        if (c.fixed) {
            ImGui::TableSetupColumn(c.label, ImGuiTableColumnFlags_WidthFixed, c.weight * em());
        } else {
            ImGui::TableSetupColumn(c.label, ImGuiTableColumnFlags_WidthStretch, c.weight);
        }
    }
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, row_height());
    for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
        ImGui::TableSetColumnIndex(i);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(columns[static_cast<std::size_t>(i)].label);
        test_hook::describe_last_item(test_hook::Kind::Text, columns[static_cast<std::size_t>(i)].label);
    }
    return true;
}

void end_table() {
    ImGui::EndTable();
    g_stacked = Stacked{};
}

float table_row_height() {
    if (!g_stacked.on) return row_height();
    const float lines = static_cast<float>(g_stacked.labels.size());
    return lines * row_height() + (lines - 1.0f) * ImGui::GetStyle().ItemSpacing.y;
}

void next_table_row(float height) {
    ImGui::TableNextRow(ImGuiTableRowFlags_None, height);
    g_stacked.column = 0;
}

void cell(std::string_view s) { cell_text(s, color::kText); }
void cell_muted(std::string_view s) { cell_text(s, color::kMuted); }
void next_cell() {
    if (g_stacked.on) return stacked_line();
    ImGui::TableNextColumn();
}

void cell_two_lines(std::string_view first, std::string_view second) {
    cell_text(first, color::kMuted);
    if (second.empty()) return;
    if (g_stacked.on) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + g_stacked.value_x);
    ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
    ImGui::TextUnformatted(second.data(), second.data() + second.size());
    ImGui::PopStyleColor();
    test_hook::describe_last_item(test_hook::Kind::Text, second);
}

void cell_two_line_text(std::string_view s) {
    if (g_stacked.on) {
        stacked_line();
    } else {
        ImGui::TableNextColumn();
    }
    ImGui::AlignTextToFramePadding();
    const float width = ImGui::GetContentRegionAvail().x;
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
    ImGui::BeginGroup();
    const char* p = s.data();
    const char* end = s.data() + s.size();
    for (int line = 0; line < 2 && p < end; ++line) {
        const char* stop = line == 1 ? end : line_end(*font, scale, p, end, width); // the rest is cut
        ImGui::TextUnformatted(p, stop);
        p = stop;
        while (p < end && *p == ' ') ++p;
    }
    ImGui::EndGroup();
    ImGui::PopStyleColor();
    test_hook::describe_last_item(test_hook::Kind::Text, s);
}

void two_line_row() { next_table_row(table_row_height() + ImGui::GetTextLineHeightWithSpacing()); }

void text_table(const char* id, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
    if (header.empty()) return;
    g_stacked = Stacked{}; // never stacked: it scrolls sideways instead
    // A file's columns are many and of any width: each as wide as its content, the table
    // scrolling sideways (and down, its header kept) in a box of its own.
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                       ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                       ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY;
    const float row = row_height() + 2.0f * ImGui::GetStyle().CellPadding.y;
    const float height = std::min(static_cast<float>(rows.size() + 1) * row + ImGui::GetStyle().ScrollbarSize +
                                      2.0f * ImGui::GetStyle().FrameBorderSize,
                                  kTextTableMaxHeightEm * em());
    if (!ImGui::BeginTable(id, static_cast<int>(header.size()), kFlags, ImVec2(0.0f, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const std::string& name : header) ImGui::TableSetupColumn(name.c_str());
    ImGui::TableHeadersRow(); // its labels count in the columns' fitted widths
    clipped_rows(
        static_cast<int>(rows.size()), [](int i) { return i; },
        [&](int i) {
            for (const std::string& field : rows[static_cast<std::size_t>(i)]) cell(field);
        });
    ImGui::EndTable();
}

float row_height() { return ImGui::GetFrameHeight(); }

} // namespace mimamori::web::ui
