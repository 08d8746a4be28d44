// 在宅医療情報連携加算: the conditions of fee_rules.hpp, evaluated in their order.
#include <algorithm>
#include <array>
#include <cassert>
#include <tuple>

#include "mimamori/common/fee_rules.hpp"

namespace mimamori::fee {
namespace {

constexpr std::array kConditionLabels = {
    Label{"consent", "患者の同意", "Patient consent"},
    Label{"visits", "訪問診療", "Home visits"},
    Label{"record_items", "記録すべき項目", "Required record items"},
    Label{"obtained_records", "他機関の記録の取得", "Records obtained from other institutions"},
    Label{"linked_institutions", "連携機関数", "Linked institutions"},
};

// "2024-06-03 10:15" in Japan time: short enough for a message, unambiguous in both languages.
std::string when(UnixSeconds t) {
    const std::string iso = japan_iso8601(t); // 2024-06-03T10:15:00+09:00
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

bool contains(const std::vector<Id>& ids, Id id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

bool is_home_visit(const Record& r, const Clinic& clinic, const YearMonth& month) {
    return !r.retracted && r.writer_profession == Profession::Doctor && r.facility_id == clinic.facility_id &&
           (r.kind == MemoKind::VisitRecord || r.kind == MemoKind::NoChange) && month.contains(japan_date(r.written_at));
}

bool is_other_institution(Id facility_id, const Clinic& clinic) {
    return facility_id != clinic.facility_id && !contains(clinic.special_relationship_facility_ids, facility_id);
}

// The doctor's first read of `record`, if it was no later than `by`.
std::optional<UnixSeconds> first_read(const PatientMonth& p, const Record& record, Id doctor_id, UnixSeconds by) {
    std::optional<UnixSeconds> first;
    for (const Read& read : p.reads) {
        if (read.memo_id != record.memo_id || read.reader_id != doctor_id) continue;
        if (read.read_at < record.written_at || read.read_at > by) continue; // a clock that disagrees proves nothing
        if (!first || read.read_at < *first) first = read.read_at;
    }
    return first;
}

VisitEvidence evidence_for(const Record& visit, const Clinic& clinic, const PatientMonth& p) {
    VisitEvidence e;
    e.memo_id = visit.memo_id;
    e.doctor_id = visit.writer_id;
    e.kind = visit.kind;
    e.at = visit.written_at;
    e.missing_items = record_gaps(visit.kind, visit.fields);
    e.has_care_points = visit.fields.care_points.has_value();
    e.has_acp_wishes = visit.fields.acp_wishes.has_value();
    const Date earliest = japan_date(visit.written_at).add_days(-obtained_record_window_days);
    for (const Record& r : p.records) {
        if (r.retracted || !is_other_institution(r.facility_id, clinic)) continue;
        if (japan_date(r.written_at) < earliest || r.written_at > visit.written_at) continue;
        if (auto read = first_read(p, r, visit.writer_id, visit.written_at))
            e.obtained.push_back(ObtainedRecord{r.memo_id, r.facility_id, r.written_at, *read});
        else
            ++e.unread_in_window;
    }
    std::sort(e.obtained.begin(), e.obtained.end(), [](const auto& a, const auto& b) {
        return std::tie(a.written_at, a.memo_id) < std::tie(b.written_at, b.memo_id);
    });
    return e;
}

Finding no_visit_to_judge() {
    return Finding{"no_visit", "訪問診療の記録がないため判定できません", "Cannot be judged without a home visit", {}};
}

ConditionResult judge_items(const std::vector<VisitEvidence>& visits) {
    ConditionResult c{HomeCareCondition::RecordItems, !visits.empty(), {}};
    if (visits.empty()) c.findings.push_back(no_visit_to_judge());
    for (const auto& v : visits) {
        for (MemoField item : v.missing_items) {
            const Label& l = label(item);
            c.findings.push_back(Finding{"missing_" + std::string(l.code),
                                         when(v.at) + "の訪問記録に「" + std::string(l.ja) + "」がありません",
                                         "The visit record of " + when(v.at) + " lacks \"" + std::string(l.en) + "\"",
                                         v.memo_id});
            c.met = false;
        }
    }
    return c;
}

ConditionResult judge_obtained(const std::vector<VisitEvidence>& visits) {
    ConditionResult c{HomeCareCondition::ObtainedRecords, !visits.empty(), {}};
    if (visits.empty()) c.findings.push_back(no_visit_to_judge());
    for (const auto& v : visits) {
        if (!v.obtained.empty()) continue;
        std::string ja = when(v.at) + "の訪問時に、過去90日以内に他の医療機関等が記録した情報の取得（閲覧）がありません";
        std::string en = "At the visit of " + when(v.at) +
                         ", no record written by another institution in the past 90 days had been obtained (read)";
        if (v.unread_in_window > 0) {
            ja += "（未読の該当記録が" + std::to_string(v.unread_in_window) + "件あります）";
            en += " (" + std::to_string(v.unread_in_window) + " such record(s) unread)";
        }
        c.findings.push_back(Finding{"no_obtained_record", std::move(ja), std::move(en), v.memo_id});
        c.met = false;
    }
    return c;
}

} // namespace

const Label& label(HomeCareCondition condition) {
    const auto i = static_cast<std::size_t>(condition);
    assert(i < kConditionLabels.size());
    return kConditionLabels[i];
}

const ConditionResult& HomeCareEvaluation::condition(HomeCareCondition c) const {
    const auto i = static_cast<std::size_t>(c);
    assert(i < conditions.size() && conditions[i].condition == c);
    return conditions[i];
}

HomeCareEvaluation evaluate_home_care(const Clinic& clinic, const PatientMonth& p) {
    HomeCareEvaluation out;
    out.patient_id = p.patient_id;
    out.month = p.month;

    std::vector<const Record*> visits;
    for (const Record& r : p.records)
        if (is_home_visit(r, clinic, p.month)) visits.push_back(&r);
    std::sort(visits.begin(), visits.end(), [](const Record* a, const Record* b) {
        return std::tie(a->written_at, a->memo_id) < std::tie(b->written_at, b->memo_id);
    });
    for (const Record* v : visits) out.visits.push_back(evidence_for(*v, clinic, p));

    for (Id id : clinic.linked_facility_ids)
        if (is_other_institution(id, clinic)) out.linked_institutions.push_back(id);
    std::sort(out.linked_institutions.begin(), out.linked_institutions.end());
    out.linked_institutions.erase(std::unique(out.linked_institutions.begin(), out.linked_institutions.end()),
                                  out.linked_institutions.end());

    ConditionResult consent{HomeCareCondition::Consent, p.consent_recorded, {}};
    if (!p.consent_recorded)
        consent.findings.push_back(Finding{"consent_missing", "患者の情報共有への同意が記録されていません",
                                           "The patient's consent to sharing is not recorded", {}});
    ConditionResult visit{HomeCareCondition::Visits, !out.visits.empty(), {}};
    if (out.visits.empty())
        visit.findings.push_back(Finding{"no_visit",
                                         "この月に当院の医師による訪問診療の記録（訪問記録・変化なし）がありません",
                                         "No home-visit record (visit record or no change) by a doctor of the clinic this month", {}});
    const std::size_t linked = out.linked_institutions.size();
    ConditionResult institutions{HomeCareCondition::LinkedInstitutions, linked >= min_linked_institutions, {}};
    if (!institutions.met)
        institutions.findings.push_back(Finding{
            "too_few_linked_institutions",
            "特別の関係にない連携機関が" + std::to_string(linked) + "か所です（" + std::to_string(min_linked_institutions) +
                "か所以上が必要です）",
            std::to_string(linked) + " linked institution(s) outside special relationships; at least " +
                std::to_string(min_linked_institutions) + " are needed",
            {}});

    out.conditions = {std::move(consent), std::move(visit), judge_items(out.visits), judge_obtained(out.visits),
                      std::move(institutions)};
    out.met = std::all_of(out.conditions.begin(), out.conditions.end(), [](const auto& c) { return c.met; });
    return out;
}

} // namespace mimamori::fee
