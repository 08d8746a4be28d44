#pragma once
// The demo patients' professional memos (--demo-data DIR; services/demo_data.hpp), so that a
// newcomer's timeline shows a team at work: DIR/memos.json (optional)
//
//   {"memos": [{"patient": "<name in region.json>", "author": "<login>", "minutes_ago": 4300,
//               "memo": {<the body of POST /api/v1/patients/{id}/memos>, "next_visit_in_days": 7},
//               "acknowledged_by": ["<login>", ...]}]}
//
// Each memo is posted by its author with services::post_memo -- the API's own checks of the body
// (common/memo.hpp) and of mentions -- after perm::decide has allowed the author to write the
// patient's record, exactly as the API decides it; "acknowledged_by" go through
// services::acknowledge the same way. "next_visit_in_days" becomes next_visit_date counted from
// the load's day in Japan. Memos are posted oldest first (the timeline is in posting order) and
// then dated "minutes_ago" before the load.

#include <cstddef>
#include <filesystem>

#include "db/database.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "services/demo_patients.hpp"

namespace mimamori::services::demo {

struct MemoCounts {
    std::size_t memos = 0;
    std::size_t acknowledgements = 0;
};

// `region`: region.json (who works where); `ids`: what insert_region gave them. InvalidInput
// naming the file and the entry when one is wrong (the caller rolls back); nothing when DIR
// has no memos.json.
Result<MemoCounts> insert_memos(db::Tx& tx, const std::filesystem::path& dir, const Json& region, const Ids& ids);

} // namespace mimamori::services::demo
