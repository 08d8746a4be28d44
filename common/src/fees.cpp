#include "mimamori/common/fees.hpp"

#include <algorithm>
#include <array>

namespace mimamori::fees {
namespace {

struct PlanInfo {
    Plan plan;
    Label label;
};
constexpr std::array kPlans = {
    PlanInfo{Plan::NetworkAndSns, {"network_and_sns", "医療連携＋SNS連携", "Medical network and SNS"}},
    PlanInfo{Plan::NetworkOnly, {"network_only", "医療連携のみ", "Medical network only"}},
    PlanInfo{Plan::SnsOnly, {"sns_only", "SNS連携のみ", "SNS only"}},
};

struct TierInfo {
    FeeTier tier;
    Label label;
    std::array<std::int64_t, 3> monthly; // by Plan, in the order of the enum
};
constexpr std::array kTiers = {
    TierInfo{FeeTier::Medical, {"medical", "医療機関（医科・歯科）・薬局・老健", "Medical institutions, pharmacies, 老健"},
             {3000, 3000, 1000}},
    TierInfo{FeeTier::OtherOffice, {"other_office", "その他の事業所", "Other offices"}, {1000, 1000, 500}},
    TierInfo{FeeTier::Free, {"free", "無料（ヘルパー・民生委員・その他）", "Free"}, {0, 0, 0}},
};

const TierInfo& tier_info(FeeTier tier) {
    for (const auto& t : kTiers)
        if (t.tier == tier) return t;
    return kTiers.back();
}

// Months since year 0, so that month ranges compare and subtract.
int month_index(int year, int month) { return year * 12 + (month - 1); }

} // namespace

std::span<const Plan> all_plans() {
    static constexpr std::array plans = {Plan::NetworkAndSns, Plan::NetworkOnly, Plan::SnsOnly};
    return plans;
}

const Label& label(Plan plan) {
    for (const auto& p : kPlans)
        if (p.plan == plan) return p.label;
    return kPlans.front().label;
}

std::optional<Plan> plan_from_code(std::string_view code) {
    for (const auto& p : kPlans)
        if (p.label.code == code) return p.plan;
    return std::nullopt;
}

const Label& label(FeeTier tier) { return tier_info(tier).label; }

std::int64_t monthly_fee_yen(FeeTier tier, Plan plan) { return tier_info(tier).monthly[static_cast<std::size_t>(plan)]; }

int months_under_contract(int year, const Date& start, const std::optional<Date>& end) {
    if (end && *end < start) return 0;
    const int first = std::max(month_index(year, 1), month_index(start.year, start.month));
    const int last = std::min(month_index(year, 12), end ? month_index(end->year, end->month) : month_index(year, 12));
    return last < first ? 0 : last - first + 1;
}

} // namespace mimamori::fees
