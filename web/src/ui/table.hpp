#pragma once
// Lists as tables: a header row, rows of one line each (so ImGuiListClipper lays out only the
// rows on screen, however long the list), PushID per row by the row's own id, and cells of text
// that show their whole text in a tooltip when the column cuts it.

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"

namespace mimamori::web::ui {

// A column takes a share of the table's width in proportion to its weight, so a table always
// fits its column; a `fixed` column (buttons) is `weight` em wide instead.
struct Column {
    const char* label;
    float weight = 1.0f;
    bool fixed = false;
};

// The width in em of a fixed column that shows `sample` whole.
float fitting_width_em(std::string_view sample);
// The width in em of a fixed column that shows these buttons side by side (SameLine), whole;
// an empty label is a button not shown.
float buttons_width_em(std::initializer_list<std::string_view> labels);

// Begins a table with its header row; when it returns true, end_table() must follow.
// Where some column would be narrower than its header on a phone (under 30 em), the table is
// stacked instead: each row a block of lines, one per column, its header beside its value; the
// same calls below fill it (a column of buttons without a header: the buttons on a line of their
// own).
bool begin_table(const char* id, std::span<const Column> columns);
void end_table();

// Moves to the next cell and writes `s` in it (muted: secondary information).
void cell(std::string_view s);
void cell_muted(std::string_view s);
// Moves to the next cell (for buttons).
void next_cell();
// A muted cell of two lines: `first` level with the row's other cells, `second` under it
// ("" for none): a member's profession under their role, on a tablet's narrow table. Rows that
// hold one start with two_line_row().
void cell_two_lines(std::string_view first, std::string_view second);
void two_line_row();
// A muted cell whose text wraps onto the second line of a two_line_row() (a long facility name).
void cell_two_line_text(std::string_view s);

// A whole table of text: `header` names the columns, each of `rows` is one line (a CSV file read
// back, api::CsvTable). Columns are as wide as their content; the table scrolls in its own box.
void text_table(const char* id, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// The height of every row: a button's.
float row_height();
// The height of a row of the current table (stacked: a line per column), and the start of one.
float table_row_height();
void next_table_row(float height);

// Lays out the rows of a list of `count` items that are on screen: for each, a new table row
// inside PushID(id_of(i)), then draw_row(i).
template <typename IdOf, typename DrawRow>
void clipped_rows(int count, IdOf&& id_of, DrawRow&& draw_row) {
    ImGuiListClipper clipper;
    const float height = table_row_height();
    clipper.Begin(count, height + 2.0f * ImGui::GetStyle().CellPadding.y);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            next_table_row(height);
            const std::string id = std::to_string(static_cast<std::int64_t>(id_of(i)));
            ImGui::PushID(id.c_str());
            draw_row(i);
            ImGui::PopID();
        }
    }
}

} // namespace mimamori::web::ui
