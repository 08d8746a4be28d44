#include "services/fee_evidence.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace mimamori::services {
namespace {

using repositories::FeeMemo;

repositories::FeePeriod period_of(const YearMonth& month) {
    repositories::FeePeriod p;
    p.first_day = month.first_day();
    p.last_day = month.last_day();
    p.from = japan_midnight(p.first_day);
    p.to = japan_midnight(p.last_day.add_days(1));
    return p;
}

fee::Record record_of(const FeeMemo& m) {
    fee::Record r;
    r.memo_id = m.id;
    r.writer_id = m.writer_id;
    r.writer_profession = profession_from_code(m.profession).value_or(Profession::Other);
    r.facility_id = m.facility_id;
    r.kind = memo_kind_from_code(m.kind).value_or(MemoKind::VisitRecord);
    r.written_at = m.written_at;
    r.retracted = m.retracted;
    r.has_text = !m.content.value("text", std::string()).empty();
    if (auto draft = memo_from_json(m.content)) r.fields = draft->fields;
    return r;
}

void name_facilities(db::Tx& tx, fee::Names& names, const std::set<std::int64_t>& ids) {
    for (const auto& f : repositories::facilities_named(tx, {ids.begin(), ids.end()})) names.facilities[f.id] = f.name;
}

Json finding_json(const fee::Finding& f, Lang lang) {
    return {{"code", f.code}, {"message", f.message(lang)}, {"memo_id", f.memo_id ? Json(*f.memo_id) : Json(nullptr)}};
}

std::string name_of(const std::map<fee::Id, std::string>& names, fee::Id id) {
    auto it = names.find(id);
    return it == names.end() ? std::string() : it->second;
}

} // namespace

Result<HomeCareReport> home_care_report(db::Tx& tx, std::int64_t facility_id, const YearMonth& month,
                                        std::optional<std::int64_t> patient_id) {
    auto clinic = repositories::fee_facility(tx, facility_id);
    if (!clinic) return Error::make(ErrorCode::NotFound, "no such facility");
    const auto period = period_of(month);
    auto patients = repositories::facility_patients(tx, facility_id, period, false);
    if (patient_id) {
        std::erase_if(patients, [&](const auto& p) { return p.id != *patient_id; });
        if (patients.empty()) return Error::make(ErrorCode::NotFound, "no such patient of this facility in that month");
    }
    HomeCareReport out{*clinic, month, {}, {}};
    std::vector<std::int64_t> ids;
    for (const auto& p : patients) {
        ids.push_back(p.id);
        out.names.patients[p.id] = p.name;
    }
    const std::int64_t window = japan_midnight(period.first_day.add_days(-fee::obtained_record_window_days));
    auto memos = repositories::fee_memos(tx, ids, window, period.to);
    std::vector<std::int64_t> memo_ids;
    for (const auto& m : memos) memo_ids.push_back(m.id);
    auto reads = repositories::fee_reads(tx, memo_ids, facility_id);

    fee::Clinic c;
    c.facility_id = facility_id;
    c.special_relationship_facility_ids = repositories::special_relationships(tx, facility_id);
    c.linked_facility_ids = repositories::linked_facilities(tx, facility_id, period);

    std::map<std::int64_t, std::int64_t> patient_of_memo;
    for (const auto& m : memos) patient_of_memo[m.id] = m.patient_id;
    std::set<std::int64_t> facilities(c.linked_facility_ids.begin(), c.linked_facility_ids.end());
    for (const auto& p : patients) {
        fee::PatientMonth pm;
        pm.patient_id = p.id;
        pm.month = month;
        pm.consent_recorded = p.consent_recorded;
        for (const auto& m : memos)
            if (m.patient_id == p.id) pm.records.push_back(record_of(m));
        for (const auto& r : reads)
            if (patient_of_memo[r.memo_id] == p.id) pm.reads.push_back({r.memo_id, r.reader_id, r.read_at});
        auto evaluation = fee::evaluate_home_care(c, pm);
        for (const auto& v : evaluation.visits)
            for (const auto& o : v.obtained) facilities.insert(o.facility_id);
        out.evaluations.push_back(std::move(evaluation));
    }
    name_facilities(tx, out.names, facilities);
    return out;
}

Result<CooperationEvidence> cooperation_report(db::Tx& tx, std::int64_t facility_id, const YearMonth& month) {
    auto home = repositories::fee_facility(tx, facility_id);
    if (!home) return Error::make(ErrorCode::NotFound, "no such facility");
    auto type = facility_type_from_code(home->type);
    if (!type || !info(*type).nursing_home)
        return Error::invalid("facility_id", "協力医療機関連携加算 is for nursing homes; this facility is not one");
    const auto period = period_of(month);
    auto patients = repositories::facility_patients(tx, facility_id, period, true);
    std::vector<std::int64_t> ids;
    fee::Names names;
    for (const auto& p : patients) {
        ids.push_back(p.id);
        names.patients[p.id] = p.name;
    }
    names.facilities[home->id] = home->name;
    // Earlier months give the baseline a 「変化なし」 refers to.
    auto memos = repositories::fee_memos(tx, ids, 0, period.to, {"monthly_resident_record", "no_change"}, facility_id);
    std::vector<fee::Resident> residents;
    for (const auto& p : patients) {
        fee::Resident r{p.id, {}};
        for (const auto& m : memos)
            if (m.patient_id == p.id) r.records.push_back(record_of(m));
        residents.push_back(std::move(r));
    }
    auto report = fee::evaluate_cooperation(facility_id, *type, month, residents);
    if (!report) return report.error();
    return CooperationEvidence{*home, std::move(*report), std::move(names)};
}

Json home_care_json(const HomeCareReport& r, Lang lang) {
    Json patients = Json::array();
    bool any = false;
    for (const auto& e : r.evaluations) {
        Json conditions = Json::array();
        for (const auto& c : e.conditions) {
            Json findings = Json::array();
            for (const auto& f : c.findings) findings.push_back(finding_json(f, lang));
            conditions.push_back({{"condition", std::string(fee::label(c.condition).code)},
                                  {"label", std::string(fee::label(c.condition).in(lang))},
                                  {"met", c.met},
                                  {"findings", std::move(findings)}});
        }
        Json visits = Json::array();
        for (const auto& v : e.visits) {
            Json missing = Json::array();
            for (auto f : v.missing_items) missing.push_back(std::string(label(f).code));
            Json obtained = Json::array();
            for (const auto& o : v.obtained)
                obtained.push_back({{"memo_id", o.memo_id},
                                    {"facility_id", o.facility_id},
                                    {"facility_name", name_of(r.names.facilities, o.facility_id)},
                                    {"written_at", japan_iso8601(o.written_at)},
                                    {"read_at", japan_iso8601(o.read_at)}});
            visits.push_back({{"memo_id", v.memo_id},
                              {"doctor_id", v.doctor_id},
                              {"kind", std::string(label(v.kind).code)},
                              {"at", japan_iso8601(v.at)},
                              {"missing_items", std::move(missing)},
                              {"has_care_points", v.has_care_points},
                              {"has_acp_wishes", v.has_acp_wishes},
                              {"unread_in_window", static_cast<std::int64_t>(v.unread_in_window)},
                              {"obtained", std::move(obtained)}});
        }
        Json linked = Json::array();
        for (auto id : e.linked_institutions) linked.push_back({{"id", id}, {"name", name_of(r.names.facilities, id)}});
        any = any || e.met;
        patients.push_back({{"patient_id", e.patient_id},
                            {"patient_name", name_of(r.names.patients, e.patient_id)},
                            {"claimable", e.met},
                            {"conditions", std::move(conditions)},
                            {"visits", std::move(visits)},
                            {"linked_institutions", std::move(linked)}});
    }
    return {{"facility_id", r.clinic.id},
            {"facility_name", r.clinic.name},
            {"month", r.month.to_string()},
            {"patients", std::move(patients)}};
}

Json cooperation_json(const CooperationEvidence& e, Lang lang) {
    Json residents = Json::array();
    for (const auto& s : e.report.residents)
        residents.push_back({{"patient_id", s.patient_id},
                             {"patient_name", name_of(e.names.patients, s.patient_id)},
                             {"met", s.met()},
                             {"basis", std::string(fee::label(s.basis).code)},
                             {"basis_label", std::string(fee::label(s.basis).in(lang))},
                             {"memo_id", s.memo_id ? Json(*s.memo_id) : Json(nullptr)},
                             {"at", s.at ? Json(japan_iso8601(*s.at)) : Json(nullptr)},
                             {"baseline_memo_id", s.baseline_memo_id ? Json(*s.baseline_memo_id) : Json(nullptr)},
                             {"finding", s.finding ? finding_json(*s.finding, lang) : Json(nullptr)}});
    return {{"facility_id", e.home.id},
            {"facility_name", e.home.name},
            {"month", e.report.month.to_string()},
            {"lacking", e.report.lacking()},
            {"residents", std::move(residents)}};
}

Result<std::vector<std::int64_t>> set_special_relationships(db::Tx& tx, std::int64_t facility_id, const Json& body,
                                                            std::int64_t by) {
    if (auto s = json::reject_unknown_keys(body, {"facility_ids"}); !s) return s.error();
    auto it = body.find("facility_ids");
    if (it == body.end() || !it->is_array()) return Error::invalid("facility_ids", "facility_ids must be an array of facility ids");
    if (it->size() > 100) return Error::invalid("facility_ids", "at most 100 facilities");
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& v = (*it)[i];
        const std::string field = "facility_ids[" + std::to_string(i) + "]";
        if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) return Error::invalid(field, "must be a facility id");
        if (v.get<std::int64_t>() == facility_id) return Error::invalid(field, "a facility is not in a special relationship with itself");
        ids.push_back(v.get<std::int64_t>());
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto existing = repositories::existing_facilities(tx, ids);
    for (std::size_t i = 0; i < it->size(); ++i) {
        auto id = (*it)[i].get<std::int64_t>();
        if (!std::binary_search(existing.begin(), existing.end(), id))
            return Error::invalid("facility_ids[" + std::to_string(i) + "]", "no such facility: " + std::to_string(id));
    }
    repositories::set_special_relationships(tx, facility_id, ids, by);
    return ids;
}

} // namespace mimamori::services
