#include "services/patients.hpp"

#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/kana.hpp"
#include "mimamori/common/text.hpp"
#include "services/patient_access.hpp"

namespace mimamori::services {
namespace {

Error not_found() { return Error::make(ErrorCode::NotFound, "no such patient"); }

} // namespace

Result<Registration> register_patient(db::Tx& tx, const PatientForm& form, std::int64_t created_by) {
    Registration out;
    if (!form.allow_duplicate) {
        out.duplicates = repositories::find_duplicates(tx, form.fields.name_kana, form.fields.birth_date);
        if (!out.duplicates.empty()) return out;
    }
    const std::int64_t id = repositories::insert_patient(tx, form.fields, created_by);
    auto patient = get_patient(tx, id);
    if (!patient) return patient.error();
    out.patient = std::move(*patient);
    return out;
}

Result<repositories::PatientRow> get_patient(db::Tx& tx, std::int64_t id) {
    auto row = repositories::find_patient(tx, id, japan_today());
    if (!row) return not_found();
    return std::move(*row);
}

Result<repositories::PatientRow> update_patient(db::Tx& tx, std::int64_t id, const PatientForm& form) {
    if (!repositories::update_patient(tx, id, form.fields)) return not_found();
    return get_patient(tx, id);
}

Result<std::vector<repositories::PatientRow>> list_patients(db::Tx& tx, const perm::Principal& viewer,
                                                            const PatientQuery& query) {
    if (!query.status.empty() && query.status != "at_home" && query.status != "admitted" &&
        query.status != "in_facility" && query.status != "ended")
        return Error::invalid("status", "status must be at_home, admitted, in_facility or ended");
    repositories::PatientFilter filter;
    filter.today = japan_today();
    filter.everyone = viewer.is_secretariat_admin();
    for (const auto& a : viewer.affiliations)
        if (a.manager) filter.facilities.push_back(a.facility_id);
    filter.q = text::trim(query.q);
    filter.q_kana = text::to_katakana(kana::half_width_to_full_width_katakana(filter.q));
    filter.status = query.status;
    filter.facility_id = query.facility_id;
    auto rows = repositories::list_patients(tx, filter);
    std::erase_if(rows, [&](const repositories::PatientRow& row) {
        return !perm::decide(viewer, perm::Action::PatientViewMaster, patient_target(viewer, row.id, facts_of(row, false)));
    });
    return rows;
}

std::vector<repositories::MyPatientRow> my_patients(db::Tx& tx, const perm::Principal& viewer) {
    std::vector<repositories::MyPatientRow> out;
    if (viewer.family) {
        if (!viewer.family_patient_id) return out;
        auto target = load_patient_target(tx, *viewer.family_patient_id, viewer);
        if (!target || !perm::decide(viewer, perm::Action::FamilySpaceRead, *target)) return out;
        if (auto row = repositories::find_patient(tx, *viewer.family_patient_id, japan_today()))
            out.push_back({std::move(*row), ""});
        return out;
    }
    out = repositories::my_patients(tx, viewer.account_id, japan_today());
    std::erase_if(out, [&](const repositories::MyPatientRow& r) {
        return !perm::decide(viewer, perm::Action::TeamView, patient_target(viewer, r.patient.id, facts_of(r.patient, true)));
    });
    return out;
}

std::string consent_state(const repositories::ConsentSummary& c) {
    if (!c.id) return "none";
    return c.withdrawn ? "withdrawn" : "active";
}

Json consent_state_json(const repositories::ConsentSummary& c) {
    return {{"state", consent_state(c)},
            {"professional", c.id && c.professional},
            {"family", c.id && c.family},
            {"recorded_at", c.id ? Json(japan_iso8601(c.recorded_at)) : Json(nullptr)},
            {"consent_id", c.id ? Json(*c.id) : Json(nullptr)}};
}

Json to_json(const repositories::PatientRow& p) {
    const auto& f = p.fields;
    return {{"id", p.id},
            {"name", f.name},
            {"name_kana", f.name_kana},
            {"birth_date", f.birth_date.to_string()},
            {"sex", f.sex},
            {"postal_code", f.postal_code},
            {"address", f.address},
            {"phone", f.phone},
            {"key_person", {{"name", f.key_person_name}, {"relation", f.key_person_relation}, {"phone", f.key_person_phone}}},
            {"facility_id", f.facility_id},
            {"facility_name", p.facility_name},
            {"status", f.status},
            {"team_id", p.team_id ? Json(*p.team_id) : Json(nullptr)},
            {"consent", consent_state_json(p.consent)},
            {"last_activity_at", japan_iso8601(p.last_activity_at)},
            {"created_at", japan_iso8601(p.created_at)}};
}

Json my_patient_json(const repositories::MyPatientRow& r) {
    const auto& p = r.patient;
    return {{"id", p.id},
            {"name", p.fields.name},
            {"name_kana", p.fields.name_kana},
            {"birth_date", p.fields.birth_date.to_string()},
            {"status", p.fields.status},
            {"team_id", p.team_id ? Json(*p.team_id) : Json(nullptr)},
            {"team_role", r.team_role.empty() ? Json(nullptr) : Json(r.team_role)},
            {"consent", consent_state_json(p.consent)},
            {"last_activity_at", japan_iso8601(p.last_activity_at)},
            {"unread", 0}}; // filled by GET /api/v1/my/patients (services::unread_for, issue 5)
}

Json duplicate_json(const repositories::DuplicateRow& d) {
    return {{"id", d.id}, {"name", d.name}, {"name_kana", d.name_kana}, {"birth_date", d.birth_date},
            {"facility_name", d.facility_name}};
}

} // namespace mimamori::services
