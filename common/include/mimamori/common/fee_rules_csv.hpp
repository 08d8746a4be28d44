#pragma once
// The fee-rule evidence as CSV for Excel (csv.hpp: UTF-8 with BOM, CRLF, formula guard), one file
// per report. The header row is in the chosen language; codes stay English in every language so a
// spreadsheet can filter on them. Ids are the database's; names come from `Names` when the caller
// has them (empty cells otherwise). Times are Japan time, "2024-06-03T10:15:00+09:00".
//
// home_care_csv(): 在宅医療情報連携加算, one block of rows per patient-month:
//   patient_id, patient_name, month (YYYY-MM), claimable (yes/no: every condition met),
//   condition (code), condition_label, status (met/unmet), code, detail, visit_memo_id, visit_at,
//   evidence_memo_id, evidence_facility_id, evidence_facility_name, evidence_written_at,
//   evidence_read_at
//   Rows per patient-month, conditions in order:
//     consent              one row; code consent_missing when unmet.
//     visits               one row per visit (visit_memo_id, visit_at), or one no_visit row.
//     record_items         one row per visit: code "complete" (detail lists the "when applicable"
//                          items present) or one row per missing item (missing_next_visit_date …).
//     obtained_records     one row per obtained record per visit (evidence_* columns), or one
//                          no_obtained_record row for a visit without any.
//     linked_institutions  one row per counted institution (evidence_facility_*), and a
//                          too_few_linked_institutions row when fewer than 5.
//   code and detail of unmet rows are the Finding's; status is the condition's.
//
// cooperation_csv(): 協力医療機関連携加算, one row per resident:
//   facility_id, facility_name, month, patient_id, patient_name, status (met/unmet),
//   basis (none/recorded/no_change), basis_label, memo_id, memo_at, baseline_memo_id, code,
//   detail

#include <map>
#include <span>
#include <string>

#include "mimamori/common/fee_rules.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::fee {

// Display names by id, for the readers of the file.
struct Names {
    std::map<Id, std::string> patients;
    std::map<Id, std::string> facilities;
};

std::string home_care_csv(std::span<const HomeCareEvaluation> evaluations, Lang lang, const Names& names = {});
std::string cooperation_csv(const CooperationReport& report, Lang lang, const Names& names = {});

} // namespace mimamori::fee
