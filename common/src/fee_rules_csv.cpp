#include "mimamori/common/fee_rules_csv.hpp"

#include <array>

#include "mimamori/common/csv.hpp"

namespace mimamori::fee {
namespace {

struct Column {
    const char* en;
    const char* ja;
};

constexpr std::array<Column, 16> kHomeCareColumns = {{
    {"patient_id", "患者ID"}, {"patient_name", "患者名"}, {"month", "対象月"}, {"claimable", "算定可否"},
    {"condition", "要件コード"}, {"condition_label", "要件"}, {"status", "判定"}, {"code", "理由コード"},
    {"detail", "内容"}, {"visit_memo_id", "訪問記録ID"}, {"visit_at", "訪問日時"}, {"evidence_memo_id", "根拠記録ID"},
    {"evidence_facility_id", "記録事業所ID"}, {"evidence_facility_name", "記録事業所名"},
    {"evidence_written_at", "記録日時"}, {"evidence_read_at", "取得日時"},
}};

constexpr std::array<Column, 13> kCooperationColumns = {{
    {"facility_id", "事業所ID"}, {"facility_name", "事業所名"}, {"month", "対象月"}, {"patient_id", "入所者ID"},
    {"patient_name", "入所者名"}, {"status", "判定"}, {"basis", "根拠コード"}, {"basis_label", "根拠"},
    {"memo_id", "記録ID"}, {"memo_at", "記録日時"}, {"baseline_memo_id", "基準記録ID"}, {"code", "理由コード"},
    {"detail", "内容"},
}};

template <std::size_t N>
std::vector<std::string> header(const std::array<Column, N>& columns, Lang lang) {
    std::vector<std::string> row;
    for (const auto& c : columns) row.emplace_back(lang == Lang::Ja ? c.ja : c.en);
    return row;
}

std::string name_of(const std::map<Id, std::string>& names, Id id) {
    auto it = names.find(id);
    return it == names.end() ? std::string() : it->second;
}

std::string id_text(std::optional<Id> id) { return id ? std::to_string(*id) : std::string(); }
std::string time_text(std::optional<UnixSeconds> t) { return t ? japan_iso8601(*t) : std::string(); }
const char* met_text(bool met) { return met ? "met" : "unmet"; }

// The rows of one patient-month: the fixed leading columns, then per row the rest.
class HomeCareRows {
public:
    HomeCareRows(csv::Writer& out, const HomeCareEvaluation& e, Lang lang, const Names& names)
        : m_out(out), m_lang(lang), m_names(names),
          m_lead{std::to_string(e.patient_id), name_of(names.patients, e.patient_id), e.month.to_string(),
                 e.met ? "yes" : "no"} {}

    struct Evidence {
        std::optional<Id> memo_id;
        std::optional<Id> facility_id;
        std::optional<UnixSeconds> written_at;
        std::optional<UnixSeconds> read_at;
    };

    void row(const ConditionResult& c, const std::string& code, const std::string& detail_text,
             const VisitEvidence* visit = nullptr, const Evidence& evidence = {}) {
        std::vector<std::string> r(m_lead.begin(), m_lead.end());
        const Label& l = label(c.condition);
        r.insert(r.end(), {std::string(l.code), std::string(l.in(m_lang)), met_text(c.met), code, detail_text,
                           visit ? std::to_string(visit->memo_id) : std::string(), visit ? time_text(visit->at) : std::string(),
                           id_text(evidence.memo_id), id_text(evidence.facility_id),
                           evidence.facility_id ? name_of(m_names.facilities, *evidence.facility_id) : std::string(),
                           time_text(evidence.written_at), time_text(evidence.read_at)});
        m_out.row(r);
    }

    void finding(const ConditionResult& c, const Finding& f, const std::vector<VisitEvidence>& visits) {
        const VisitEvidence* visit = nullptr;
        for (const auto& v : visits)
            if (f.memo_id && v.memo_id == *f.memo_id) visit = &v;
        row(c, f.code, f.message(m_lang), visit);
    }

private:
    csv::Writer& m_out;
    Lang m_lang;
    const Names& m_names;
    std::array<std::string, 4> m_lead;
};

std::string applicable_items(const VisitEvidence& v, Lang lang) {
    std::string s;
    for (auto [present, field] : {std::pair{v.has_care_points, MemoField::CarePoints},
                                  std::pair{v.has_acp_wishes, MemoField::AcpWishes}}) {
        if (!present) continue;
        if (!s.empty()) s += lang == Lang::Ja ? "、" : ", ";
        s += label(field).in(lang);
    }
    return s;
}

void write_evaluation(csv::Writer& out, const HomeCareEvaluation& e, Lang lang, const Names& names) {
    HomeCareRows rows(out, e, lang, names);
    for (const ConditionResult& c : e.conditions) {
        for (const Finding& f : c.findings) rows.finding(c, f, e.visits);
        switch (c.condition) {
        case HomeCareCondition::Consent:
            if (c.met) rows.row(c, "", "");
            break;
        case HomeCareCondition::Visits:
            for (const auto& v : e.visits) rows.row(c, "", std::string(label(v.kind).in(lang)), &v);
            break;
        case HomeCareCondition::RecordItems:
            for (const auto& v : e.visits)
                if (v.missing_items.empty()) rows.row(c, "complete", applicable_items(v, lang), &v);
            break;
        case HomeCareCondition::ObtainedRecords:
            for (const auto& v : e.visits)
                for (const auto& o : v.obtained) rows.row(c, "", "", &v, {o.memo_id, o.facility_id, o.written_at, o.read_at});
            break;
        case HomeCareCondition::LinkedInstitutions:
            for (Id id : e.linked_institutions) rows.row(c, "", "", nullptr, {std::nullopt, id, std::nullopt, std::nullopt});
            break;
        }
    }
}

} // namespace

std::string home_care_csv(std::span<const HomeCareEvaluation> evaluations, Lang lang, const Names& names) {
    csv::Writer out;
    out.row(header(kHomeCareColumns, lang));
    for (const auto& e : evaluations) write_evaluation(out, e, lang, names);
    return out.take();
}

std::string cooperation_csv(const CooperationReport& report, Lang lang, const Names& names) {
    csv::Writer out;
    out.row(header(kCooperationColumns, lang));
    for (const ResidentStatus& s : report.residents) {
        out.row(std::vector<std::string>{
            std::to_string(report.facility_id), name_of(names.facilities, report.facility_id), report.month.to_string(),
            std::to_string(s.patient_id), name_of(names.patients, s.patient_id), met_text(s.met()),
            std::string(label(s.basis).code), std::string(label(s.basis).in(lang)), id_text(s.memo_id), time_text(s.at),
            id_text(s.baseline_memo_id), s.finding ? s.finding->code : std::string(),
            s.finding ? s.finding->message(lang) : std::string()});
    }
    return out.take();
}

} // namespace mimamori::fee
