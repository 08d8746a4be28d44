#pragma once
// The demo's professional memos (services/demo_memos.hpp) are posted like any memo and then
// dated back, so that the timeline shows a few days of a team's work rather than one instant.

#include <cstdint>

#include "db/database.hpp"

namespace mimamori::repositories {

// Dates memo `memo_id` (posted just now, one version), its first version and its
// acknowledgements `minutes_ago` minutes before now, and the patient's latest activity with it.
void date_memo_back(db::Tx& tx, std::int64_t memo_id, std::int64_t minutes_ago);

} // namespace mimamori::repositories
