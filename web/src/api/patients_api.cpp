#include "api/patients_api.hpp"

#include <utility>

#include "api/json_reader.hpp"

namespace mimamori::web::api {
namespace {

ConsentState read_consent_state(JsonReader& owner, std::string_view context) {
    ConsentState c;
    const Json* object = owner.object("consent");
    if (object == nullptr) return c;
    JsonReader r(*object, context);
    c.state = r.str("state");
    c.professional = r.flag("professional");
    c.family = r.flag("family");
    c.recorded_at = r.opt_str("recorded_at");
    c.consent_id = r.opt_id("consent_id");
    if (r.error()) owner.fail(*r.error());
    return c;
}

Result<Patient> parse_patient(const Json& j) {
    JsonReader r(j, "patient");
    Patient p;
    p.id = r.id("id");
    PatientFields& f = p.fields;
    f.name = r.str("name");
    f.name_kana = r.opt_str("name_kana");
    f.birth_date = r.opt_str("birth_date");
    f.sex = r.opt_str("sex");
    f.postal_code = r.opt_str("postal_code");
    f.address = r.opt_str("address");
    f.phone = r.opt_str("phone");
    if (const Json* key = r.object("key_person")) {
        JsonReader k(*key, "patient.key_person");
        f.key_person = {k.opt_str("name"), k.opt_str("relation"), k.opt_str("phone")};
        if (k.error()) r.fail(*k.error());
    }
    f.facility_id = r.integer("facility_id");
    f.status = r.opt_str("status");
    p.facility_name = r.opt_str("facility_name");
    p.team_id = r.opt_id("team_id");
    p.consent = read_consent_state(r, "patient.consent");
    p.last_activity_at = r.opt_str("last_activity_at");
    p.created_at = r.opt_str("created_at");
    return r.result(std::move(p));
}

Result<Patient> parse_patient_answer(const Json& j) {
    const auto it = j.find("patient");
    return parse_patient(it != j.end() && it->is_object() ? *it : j);
}

Result<Duplicate> parse_duplicate(const Json& j) {
    JsonReader r(j, "duplicate");
    Duplicate d{r.id("id"), r.opt_str("name"), r.opt_str("name_kana"), r.opt_str("birth_date"), r.opt_str("facility_name")};
    return r.result(std::move(d));
}

Result<MyPatient> parse_my_patient(const Json& j) {
    JsonReader r(j, "my patient");
    MyPatient p;
    p.id = r.id("id");
    p.name = r.str("name");
    p.name_kana = r.opt_str("name_kana");
    p.birth_date = r.opt_str("birth_date");
    p.status = r.opt_str("status");
    p.team_id = r.opt_id("team_id");
    p.team_role = r.opt_str("team_role");
    p.consent = read_consent_state(r, "my patient.consent");
    p.last_activity_at = r.opt_str("last_activity_at");
    p.unread = r.integer("unread");
    return r.result(std::move(p));
}

Json fields_json(const PatientFields& f) {
    return {{"name", f.name},
            {"name_kana", f.name_kana},
            {"birth_date", f.birth_date},
            {"sex", f.sex},
            {"postal_code", f.postal_code},
            {"address", f.address},
            {"phone", f.phone},
            {"key_person", {{"name", f.key_person.name}, {"relation", f.key_person.relation}, {"phone", f.key_person.phone}}},
            {"facility_id", f.facility_id},
            {"status", f.status}};
}

std::string patient_path(perm::Id id) { return "patients/" + std::to_string(id); }

} // namespace

Call<std::vector<Patient>> list_patients(const PatientQuery& query) {
    std::string path = "patients";
    add_query(path, "q", query.q);
    add_query(path, "status", query.status);
    return call<std::vector<Patient>>({"GET", std::move(path)},
                                      [](const Json& j) { return read_list_answer<Patient>(j, "patients", parse_patient); });
}

Call<PatientRecord> fetch_patient(perm::Id id) {
    return call<PatientRecord>({"GET", patient_path(id)}, [](const Json& j) -> Result<PatientRecord> {
        auto patient = parse_patient_answer(j);
        if (!patient) return patient.error();
        PatientRecord record{std::move(patient).value(), std::nullopt};
        if (const auto it = j.find("team"); it != j.end() && it->is_object()) {
            auto team = parse_team(*it);
            if (!team) return team.error();
            record.team = std::move(team).value();
        }
        return record;
    });
}

Call<PatientRegistration> register_patient(const PatientFields& fields, bool allow_duplicate) {
    Json body = fields_json(fields);
    if (allow_duplicate) body["allow_duplicate"] = true;
    auto started = Call<PatientRegistration>::start();
    auto complete = started.second;
    send(
        {"POST", "patients", std::move(body)},
        [complete](const http::Response& response) {
            auto body = json::parse_object(response.body);
            auto patient = body ? parse_patient_answer(*body) : Result<Patient>(body.error());
            if (!patient) {
                return complete.fail(Failure{response.status, ErrorCode::Internal, "invalid_response",
                                             patient.error().message, {}, {}, std::nullopt, {}});
            }
            complete.succeed(PatientRegistration{std::move(patient).value(), {}});
        },
        [complete](Failure failure) {
            // A likely duplicate: nothing was stored, and the answer names the patients.
            const auto it = failure.body.is_object() ? failure.body.find("duplicates") : failure.body.end();
            if (failure.http_status == 409 && it != failure.body.end() && it->is_array()) {
                auto duplicates = read_list<Duplicate>(*it, parse_duplicate);
                if (duplicates) return complete.succeed(PatientRegistration{std::nullopt, std::move(duplicates).value()});
            }
            complete.fail(std::move(failure));
        });
    return started.first;
}

Call<Patient> update_patient(perm::Id id, const PatientFields& fields) {
    return call<Patient>({"PUT", patient_path(id), fields_json(fields)}, parse_patient_answer);
}

Call<std::vector<MyPatient>> list_my_patients() {
    return call<std::vector<MyPatient>>({"GET", "my/patients"}, [](const Json& j) {
        return read_list_answer<MyPatient>(j, "patients", parse_my_patient);
    });
}

} // namespace mimamori::web::api
