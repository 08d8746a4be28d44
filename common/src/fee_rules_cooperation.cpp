// 協力医療機関連携加算: which nursing-home residents have this month's record (fee_rules.hpp).
#include <algorithm>
#include <array>
#include <cassert>
#include <tuple>

#include "mimamori/common/fee_rules.hpp"

namespace mimamori::fee {
namespace {

constexpr std::array kBasisLabels = {
    Label{"none", "記録なし", "No record"},
    Label{"recorded", "月次記録あり", "Recorded this month"},
    Label{"no_change", "変化なしを共有", "No change notified"},
};

bool complete_resident_record(const Record& r) {
    return r.kind == MemoKind::MonthlyResidentRecord && r.has_text && r.fields.emergency_policy &&
           !r.fields.emergency_policy->empty();
}

// The latest of `records` that `pick` accepts, or nullptr.
template <typename Pick>
const Record* latest(const std::vector<const Record*>& records, Pick pick) {
    const Record* found = nullptr;
    for (const Record* r : records)
        if (pick(*r) && (!found || std::tie(r->written_at, r->memo_id) > std::tie(found->written_at, found->memo_id)))
            found = r;
    return found;
}

ResidentStatus judge(const Resident& resident, Id home, const YearMonth& month) {
    ResidentStatus s;
    s.patient_id = resident.patient_id;
    std::vector<const Record*> own; // the home's live records up to the end of the month
    for (const Record& r : resident.records)
        if (!r.retracted && r.facility_id == home && japan_date(r.written_at) <= month.last_day()) own.push_back(&r);
    const auto in_month = [&](const Record& r) { return month.contains(japan_date(r.written_at)); };

    if (const Record* r = latest(own, [&](const Record& x) { return in_month(x) && complete_resident_record(x); })) {
        s.basis = CooperationBasis::Recorded;
        s.memo_id = r->memo_id;
        s.at = r->written_at;
        return s;
    }
    const Record* no_change = latest(own, [&](const Record& x) { return in_month(x) && x.kind == MemoKind::NoChange; });
    if (no_change) {
        const Record* baseline = latest(own, [&](const Record& x) {
            return complete_resident_record(x) && x.written_at < no_change->written_at;
        });
        if (baseline) {
            s.basis = CooperationBasis::NoChange;
            s.memo_id = no_change->memo_id;
            s.at = no_change->written_at;
            s.baseline_memo_id = baseline->memo_id;
            return s;
        }
    }
    const Record* incomplete =
        latest(own, [&](const Record& x) { return in_month(x) && x.kind == MemoKind::MonthlyResidentRecord; });
    if (incomplete)
        s.finding = Finding{"incomplete_record", "今月の入所者記録に診療情報または急変時の対応方針がありません",
                            "This month's resident record lacks the clinical information or the emergency policy",
                            incomplete->memo_id};
    else if (no_change)
        s.finding = Finding{"no_baseline",
                            "今月の「変化なし」はありますが、それ以前に診療情報と急変時の対応方針の記録がありません",
                            "A \"no change\" was posted this month, but there is no earlier record of clinical "
                            "information and emergency policy for it to refer to",
                            no_change->memo_id};
    else
        s.finding = Finding{"no_record", "今月の診療情報・急変時の対応方針の記録がありません",
                            "No record of clinical information and emergency policy this month", {}};
    return s;
}

} // namespace

const Label& label(CooperationBasis basis) {
    const auto i = static_cast<std::size_t>(basis);
    assert(i < kBasisLabels.size());
    return kBasisLabels[i];
}

std::vector<Id> CooperationReport::lacking() const {
    std::vector<Id> ids;
    for (const auto& r : residents)
        if (!r.met()) ids.push_back(r.patient_id);
    return ids;
}

Result<CooperationReport> evaluate_cooperation(Id home_facility_id, FacilityType home_type, YearMonth month,
                                               std::span<const Resident> residents) {
    if (!info(home_type).nursing_home)
        return Error::invalid("facility_type", "facility_type must be a nursing home for 協力医療機関連携加算, not " +
                                                   std::string(label(home_type).code));
    CooperationReport report{home_facility_id, month, {}};
    for (const Resident& r : residents) report.residents.push_back(judge(r, home_facility_id, month));
    return report;
}

} // namespace mimamori::fee
