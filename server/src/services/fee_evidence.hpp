#pragma once
// The fee-rule evidence of a facility for a month (issue 5, DESIGN.md §6): the server loads the
// records common/fee_rules.hpp evaluates -- the same rules the app shows -- and writes the result
// as JSON (here) or as CSV (common/fee_rules_csv.hpp).
//
//   在宅医療情報連携加算 (a clinic): every patient whose care team had a member acting for the
//   clinic during the month; their memos of the month and of the 90 days before, the reads of
//   those memos by the clinic's staff, the consent, the clinic's special relationships and the
//   facilities it shared a team with during the month.
//   協力医療機関連携加算 (a nursing home): the patients it registered or cared for during the
//   month (not ended); the home's monthly_resident_record and no_change memos up to the month's end.

#include <cstdint>
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/fee_rules.hpp"
#include "mimamori/common/fee_rules_csv.hpp"
#include "mimamori/common/json.hpp"
#include "repositories/fee_evidence_repository.hpp"

namespace mimamori::services {

struct HomeCareReport {
    repositories::FeeFacility clinic;
    YearMonth month;
    std::vector<fee::HomeCareEvaluation> evaluations; // one per patient, by kana
    fee::Names names;
};
// NotFound for an unknown facility; `patient_id`: only that patient (NotFound when not the
// clinic's in that month).
Result<HomeCareReport> home_care_report(db::Tx& tx, std::int64_t facility_id, const YearMonth& month,
                                        std::optional<std::int64_t> patient_id = {});

struct CooperationEvidence {
    repositories::FeeFacility home;
    fee::CooperationReport report;
    fee::Names names;
};
// InvalidInput ("facility_id") when the facility is not a nursing home.
Result<CooperationEvidence> cooperation_report(db::Tx& tx, std::int64_t facility_id, const YearMonth& month);

// {"facility_id","facility_name","month","claimable","patients":[{"patient_id","patient_name","claimable",
//   "conditions":[{"condition","label","met","findings":[{"code","message","memo_id"}]}],
//   "visits":[{"memo_id","doctor_id","kind","at","missing_items","has_care_points","has_acp_wishes",
//              "unread_in_window","obtained":[{"memo_id","facility_id","facility_name","written_at","read_at"}]}],
//   "linked_institutions":[{"id","name"}]}]}         labels and messages in `lang`
Json home_care_json(const HomeCareReport& report, Lang lang);
// {"facility_id","facility_name","month","lacking":[patient ids],"residents":[{"patient_id","patient_name",
//   "met","basis","basis_label","memo_id","at","baseline_memo_id","finding":{"code","message"}|null}]}
Json cooperation_json(const CooperationEvidence& evidence, Lang lang);

// The facility's special relationships (特別の関係): {"facility_ids":[...]} replaces them.
// InvalidInput naming "facility_ids[i]" for an unknown facility or the facility itself.
Result<std::vector<std::int64_t>> set_special_relationships(db::Tx& tx, std::int64_t facility_id, const Json& body,
                                                            std::int64_t by);

} // namespace mimamori::services
