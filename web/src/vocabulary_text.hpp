#pragma once
// The domain's codes in the person's language: professions, facility types and contract plans
// (as lists for drop-downs and as single texts), roles, account states and sums of money.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "mimamori/common/permissions.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::web {

std::span<const Label> profession_labels();
std::span<const Label> facility_type_labels();
std::span<const Label> plan_labels(); // "network_and_sns", "network_only", "sns_only"
std::span<const Label> team_role_labels();      // common's team_roles(): 主治医, 訪問看護 ...
std::span<const Label> patient_status_labels(); // "at_home", "admitted", "in_facility", "ended"
std::span<const Label> sex_labels();            // "female", "male", "other", "unknown"

// Whether `code` is one of `labels` (a choice that was made).
bool has_code(std::span<const Label> labels, std::string_view code);

// The label of `code` in a list, or the code itself when the list lacks it.
std::string label_text(std::span<const Label> labels, std::string_view code, Lang lang);
inline std::string profession_text(Lang lang, std::string_view code) {
    return label_text(profession_labels(), code, lang);
}
inline std::string facility_type_text(Lang lang, std::string_view code) {
    return label_text(facility_type_labels(), code, lang);
}
inline std::string plan_text(Lang lang, std::string_view code) { return label_text(plan_labels(), code, lang); }
inline std::string team_role_text(Lang lang, std::string_view code) { return label_text(team_role_labels(), code, lang); }
inline std::string patient_status_text(Lang lang, std::string_view code) {
    return label_text(patient_status_labels(), code, lang);
}
inline std::string sex_text(Lang lang, std::string_view code) { return label_text(sex_labels(), code, lang); }

// "事務局 管理者・事業所管理者": every role the person holds.
std::string roles_text(Lang lang, const perm::Principal& principal);

// An account's status ("invited", "active", "locked", "left") in words.
std::string account_status_text(Lang lang, std::string_view status);

// "120,000円" / "JPY 120,000".
std::string yen(Lang lang, std::int64_t amount);

} // namespace mimamori::web
