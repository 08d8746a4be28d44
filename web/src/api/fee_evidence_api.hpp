#pragma once
// Fee-rule evidence (issue 5, DESIGN.md §6): for a clinic, whether each patient's month meets
// the conditions of 在宅医療情報連携加算 and, if not, which is missing (findings link to memos);
// for a nursing home, the residents lacking this month's record (協力医療機関連携加算); the
// facility's special relationships (特別の関係), which do not count as linked institutions.

#include <optional>
#include <string>
#include <vector>

#include "api/call.hpp"
#include "api/records_api.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web::api {

struct Finding {
    std::string code;
    std::string message; // in the language asked for
    std::optional<perm::Id> memo_id;
};

struct FeeCondition {
    std::string condition;
    std::string label;
    bool met = false;
    std::vector<Finding> findings;
};

struct HomeCarePatient {
    perm::Id patient_id = 0;
    std::string patient_name;
    bool claimable = false;
    std::vector<FeeCondition> conditions;
    std::vector<std::string> linked_institutions; // names
};

struct HomeCareEvidence {
    std::string facility_name;
    std::string month;
    std::vector<HomeCarePatient> patients;
};

struct CooperationResident {
    perm::Id patient_id = 0;
    std::string patient_name;
    bool met = false;
    std::string basis_label;
    std::optional<perm::Id> memo_id;
    std::string at;
    std::string finding; // why it is lacking, "" when met
};

struct CooperationEvidence {
    std::vector<perm::Id> lacking;
    std::vector<CooperationResident> residents;
};

struct Facilities {
    std::vector<std::pair<perm::Id, std::string>> facilities; // id, name
};

// `month`: "YYYY-MM".
Call<HomeCareEvidence> fetch_home_care_evidence(perm::Id facility_id, const std::string& month, Lang lang);
Call<CooperationEvidence> fetch_cooperation_evidence(perm::Id facility_id, const std::string& month, Lang lang);
std::string home_care_csv_url(perm::Id facility_id, const std::string& month, Lang lang, CsvEncoding encoding);
std::string cooperation_csv_url(perm::Id facility_id, const std::string& month, Lang lang, CsvEncoding encoding);
Call<Facilities> fetch_special_relationships(perm::Id facility_id);
Call<Facilities> save_special_relationships(perm::Id facility_id, const std::vector<perm::Id>& facility_ids);

} // namespace mimamori::web::api
