#include "ui/table.hpp"

#include <algorithm>

#include "test_hook/test_hook.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::ui {
namespace {

constexpr float kTextTableMaxHeightEm = 26.0f;

void cell_text(std::string_view s, ImU32 colour) {
    ImGui::TableNextColumn();
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

bool begin_table(const char* id, std::span<const Column> columns) {
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                       ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), kFlags)) return false;
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

void end_table() { ImGui::EndTable(); }

void cell(std::string_view s) { cell_text(s, color::kText); }
void cell_muted(std::string_view s) { cell_text(s, color::kMuted); }
void next_cell() { ImGui::TableNextColumn(); }

void text_table(const char* id, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
    if (header.empty()) return;
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
