#pragma once
// Memos as the API shows them (issue 5; openapi.json "Memo"), and the query of a timeline page.
//
//   {"id","patient_id","kind","text", <the structured fields present>,
//    "attachments":[File], "author":{"id","name","profession","facility_id","facility_name"},
//    "created_at","updated_at","version","edited",
//    "retraction": null | {"reason","by":{"id","name"},"at"},
//    "mentions":[{"id","name","login"}],
//    "read_by":[{"id","name","at"}], "read_by_me",
//    "acknowledgement": null | {"version","acknowledged_by":[{"id","name","at"}],
//                               "pending":[{"id","name"}],"acknowledged_by_me"},
//    "record_gaps":[field codes]}     a doctor's visit record lacking what 在宅医療情報連携加算 needs
// GET /api/v1/memos/{id} adds "versions":[{"number","content":{memo JSON},"editor":{"id","name"},"at"}].

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "http/request.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/memo_repository.hpp"
#include "services/read_cache.hpp"

namespace mimamori::api {

// The memos of a page, for `viewer`: their files and, for instructions, who is still to
// acknowledge (the current members of each patient's team) are loaded here.
Json memos_json(db::Tx& tx, const std::vector<repositories::MemoRow>& rows, std::int64_t viewer);
Json memo_json(db::Tx& tx, const repositories::MemoRow& row, std::int64_t viewer);
// A memo with every version, oldest first.
Json memo_detail_json(db::Tx& tx, const repositories::MemoRow& row, std::int64_t viewer);

// The query of a page: limit (1..100, default 50), before (the cursor: a memo id), kind,
// profession, writer (an account id), from / to (Japan dates, inclusive), q (a search, at least
// two characters). InvalidInput naming the parameter otherwise.
Result<repositories::MemoFilter> memo_filter(const http::Request& request);

// The page's answer as JSON text (http::JsonWriter, the hot path of the timeline): {"memos":[...],
// "next_before": the id to pass as `before` for the next page, or null at the end}.
std::string memo_page_json(db::Tx& tx, const std::vector<repositories::MemoRow>& rows,
                           const repositories::MemoFilter& filter, std::int64_t viewer);
// The same for any viewer: read_by_me and acknowledged_by_me are slots filled in by render(), so
// the read cache keeps one page for the whole team.
services::ViewerText memo_page_text(db::Tx& tx, const std::vector<repositories::MemoRow>& rows,
                                    const repositories::MemoFilter& filter);
// A filter as a cache key: equal for equal filters (the query's text normalised away).
std::string memo_filter_key(const repositories::MemoFilter& filter);

} // namespace mimamori::api
