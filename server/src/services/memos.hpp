#pragma once
// The professional timeline's rules on the server (issue 5): posting, editing, retracting,
// read receipts and acknowledgements, with common/memo.hpp deciding what a memo may hold and
// common/memo_history.hpp what may happen to it -- the same code the app validates with. Each
// change writes its live-update events (repositories/event_repository.hpp) in the same
// transaction. The caller has decided the patient's permission (api/patient_guard.hpp).
//
// Events (their JSON, the "data" of GET /api/v1/events):
//   memo.created       {"type","memo_id","patient_id","kind","author_id"}          the team
//   memo.edited        {"type","memo_id","patient_id","version"}                   the team
//   memo.retracted     {"type","memo_id","patient_id"}                              the team
//   memo.read          {"type","memo_id","patient_id","account_id"}                the team
//   memo.acknowledged  {"type","memo_id","patient_id","account_id","version"}      the team
//   memo.mentioned     {"type","memo_id","patient_id","account_id"}                the one mentioned

#include <cstdint>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/memo_history.hpp"
#include "mimamori/common/result.hpp"
#include "mimamori/common/permissions.hpp"
#include "repositories/memo_repository.hpp"
#include "repositories/patient_repository.hpp"
#include "services/signed_in.hpp"

namespace mimamori::services {

inline constexpr std::size_t max_read_receipts = 200; // memo ids in one POST .../memos/reads

// A memo as posted (`body`: the JSON of common/memo.hpp). Mentions must name current members of
// the patient's team; attachments must be finished uploads of this patient by the writer.
Result<repositories::MemoRow> post_memo(db::Tx& tx, const SignedIn& who, std::int64_t patient_id, const Json& body);

// A new version of `memo` with the whole new content (same kind). Only its writer may (the
// caller decided PatientRecordCorrect); a retracted memo cannot be edited.
Result<repositories::MemoRow> edit_memo(db::Tx& tx, const SignedIn& who, std::int64_t memo_id, const Json& body);

// Retracts `memo` with {"reason"}; the memo stays visible, marked.
Result<repositories::MemoRow> retract_memo(db::Tx& tx, const SignedIn& who, std::int64_t memo_id, const Json& body);

// {"memo_ids":[...]}: the memos of the patient's timeline the app showed. All must be on this
// patient's timeline (nothing is stored otherwise); one's own memos are skipped. Returns the
// memos newly read.
Result<std::vector<std::int64_t>> record_reads(db::Tx& tx, const SignedIn& who, std::int64_t patient_id, const Json& body);

// {"version": n}: acknowledges version n of an instruction (common/memo_history.hpp rules).
// Acknowledging again is no error.
Result<repositories::MemoRow> acknowledge(db::Tx& tx, const SignedIn& who, std::int64_t memo_id, const Json& body);

// The patients whose record `viewer` may read now (PatientRecordRead): the patients of the teams
// it currently belongs to, with consent. "My" lists and searches cover these.
std::vector<std::int64_t> readable_patients(db::Tx& tx, const perm::Principal& viewer);

// Unread memos of `viewer` for each of `patients` (0 where it may not read the record).
std::vector<std::int64_t> unread_for(db::Tx& tx, const perm::Principal& viewer,
                                     const std::vector<repositories::MyPatientRow>& patients);

// The whole history of a memo, as common/memo_history.hpp holds it.
MemoHistory load_history(db::Tx& tx, const repositories::MemoRow& memo);

// The memo's state for acknowledgement rules (a timeline row).
MemoState memo_state(const repositories::MemoRow& memo);

// What the search index holds for a draft: search::normalise() of its texts.
std::string searchable_text(const MemoDraft& draft);

} // namespace mimamori::services
