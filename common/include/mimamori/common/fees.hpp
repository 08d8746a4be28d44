#pragma once
// A facility's contract fee (seed: 「ふくいみまもりSNSの利用料金について（R7.2現在）」): the monthly
// fee set by the facility type's fee tier and the contract plan, the annual fee (the seed bills per
// facility, once a year: 年一括払い), and what the secretariat's fee report charges for a calendar
// year. The server stores and reports these; the app shows the same figures in the facility form
// before anything is saved.
//
//   monthly fee (yen, tax excluded)   network_and_sns  network_only  sns_only
//   Medical     (①②③ 医科・歯科・薬局・老健)     3000           3000        1000
//   OtherOffice (④⑤⑥ 訪問看護ST・居宅介護支援…)   1000           1000         500
//   Free        (⑦ ヘルパー・民生委員・その他)        0              0           0
//
// Not modelled: the seed's note that a facility already paying for ふくいメディカルネット pays
// nothing more for this function. That is an agreement outside the table; the report shows the
// table's price and the secretariat settles such exceptions by hand.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "mimamori/common/date.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::fees {

// The contract plans of the seed's table: 医療連携 (ふくいメディカルネット) and/or SNS連携.
enum class Plan {
    NetworkAndSns, // "network_and_sns": 医療連携 ○, SNS連携 ○
    NetworkOnly,   // "network_only":    医療連携 ○, SNS連携 -
    SnsOnly,       // "sns_only":        医療連携 -, SNS連携 ○
};

std::span<const Plan> all_plans();
const Label& label(Plan plan);     // code as in the API and the database, Japanese and English names
inline std::string_view to_string(Plan plan) { return label(plan).code; }
std::optional<Plan> plan_from_code(std::string_view code);

const Label& label(FeeTier tier);  // "medical", "other_office", "free" and their names

// The monthly fee in yen (tax excluded).
std::int64_t monthly_fee_yen(FeeTier tier, Plan plan);
inline std::int64_t monthly_fee_yen(FacilityType type, Plan plan) { return monthly_fee_yen(info(type).fee_tier, plan); }

// The annual fee billed once a year: twelve monthly fees.
inline std::int64_t annual_fee_yen(FacilityType type, Plan plan) { return 12 * monthly_fee_yen(type, plan); }

// The months of `year` in which a contract running from `start` to `end` (inclusive; none: still
// running) is in force on at least one day: 0..12. A contract that starts on the 20th is charged
// for that month, as one that ends on the 1st is; an end before the start counts nothing.
int months_under_contract(int year, const Date& start, const std::optional<Date>& end);

// What the fee report charges a facility for `year`: months under contract × monthly fee.
inline std::int64_t fee_for_year(FacilityType type, Plan plan, int year, const Date& start,
                                 const std::optional<Date>& end) {
    return months_under_contract(year, start, end) * monthly_fee_yen(type, plan);
}

} // namespace mimamori::fees
