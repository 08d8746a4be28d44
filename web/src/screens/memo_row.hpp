#pragma once
// How a memo looks in a list (the patient's timeline, the search across my patients, mentions):
// one row of fixed height, so ImGuiListClipper lays out only the rows on screen however many
// thousands there are. The row shows the writer's profession icon, name, facility and time, the
// kind, the first lines of the text, a line of its structured fields or its retraction, and
// whether it was read; "open" shows the whole memo (memo_detail). Also the pieces the detail
// shows of a memo: its fields and its text struck through (an older version).

#include <string>
#include <string_view>
#include <vector>

#include "api/memos_api.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::web {

// The height of a row (with the space below it).
float memo_row_height();

struct MemoRowAction {
    bool open = false;
};

// Draws `memo` as a row at the cursor; `with_patient`: the patient's name is not known here, so
// the list across patients shows "patient #id".
MemoRowAction draw_memo_row(Lang lang, const api::Memo& memo, bool with_patient);

// The memo's writer: icon, name, facility and time, kind badge (the detail's first line).
void draw_memo_byline(Lang lang, const api::Memo& memo);

// The structured fields of `content` (a memo's or a version's), one "label: value" line each;
// struck through for an older version.
void draw_memo_fields(Lang lang, const Json& content, bool struck);

// `text` wrapped at the column with a line through each line (an older version); reported to the
// test hook as text with the value "struck".
void struck_text(std::string_view text);

// The memo kinds as the options of a drop-down list (ui::select).
std::vector<Label> memo_kind_labels();

// The text of a memo kind / a structured field in `lang`.
std::string memo_kind_text(Lang lang, std::string_view code);

} // namespace mimamori::web
