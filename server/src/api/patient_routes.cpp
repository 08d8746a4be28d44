// Patients (issue 4):
//   GET /api/v1/patients?q=&status=&facility_id=   the master list (PatientViewMaster per row)
//   POST /api/v1/patients                          register (PatientRegister for the facility)
//   GET|PUT /api/v1/patients/{id}                  one patient (+ its team) / edit (PatientEdit)
//   GET /api/v1/my/patients                        the patients of my teams; a family its own
// Every read of a patient is an access-log entry naming the patient; lists name each one.
#include "api/master_routes.hpp"
#include "api/patient_guard.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "services/memos.hpp"
#include "services/patients.hpp"
#include "services/teams.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

Result<Response> list(const Request& request, RequestContext& ctx) {
    auto facility_id = optional_query_id(request, "facility_id");
    if (!facility_id) return facility_id.error();
    // The secretariat administrator, or a manager (for the patients around their facilities).
    if (auto ok = http::authorize(ctx, perm::Action::PatientViewMaster, own_facilities_target(ctx), {"patient", ""}); !ok)
        return ok.error();
    services::PatientQuery query{std::string(request.query_param("q").value_or("")),
                                 std::string(request.query_param("status").value_or("")), *facility_id};
    auto patients = services::list_patients(ctx.tx(), http::signed_in(ctx).principal, query);
    if (!patients) return patients.error();
    Json items = Json::array();
    for (const auto& p : *patients) {
        items.push_back(services::to_json(p));
        ctx.audit(patient_entry("patient.list", p.id));
    }
    return Response::json(200, Json{{"patients", std::move(items)}});
}

Result<Response> create(const Request& request, RequestContext& ctx) {
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto facility_id = services::form_facility_id(*body);
    if (!facility_id) return facility_id.error();
    if (auto ok = http::authorize(ctx, perm::Action::PatientRegister, facility_target(*facility_id), {"patient", ""}); !ok)
        return ok.error();
    auto form = services::read_patient_form(ctx.tx(), *body, nullptr, services::japan_today());
    if (!form) return form.error();
    const auto& who = http::signed_in(ctx);
    auto registered = services::register_patient(ctx.tx(), *form, who.account.id);
    if (!registered) return registered.error();
    if (!registered->patient) {
        // Shown before saving, so that the same person is not registered twice; the answer names
        // other patients, so each is an access-log entry.
        Json body_409 = json::error_body(Error{ErrorCode::Conflict,
                                               "a patient with the same kana and birth date is already registered",
                                               "name_kana"});
        Json duplicates = Json::array();
        for (const auto& d : registered->duplicates) {
            duplicates.push_back(services::duplicate_json(d));
            auto entry = patient_entry("patient.duplicate_shown", d.id);
            entry.detail = {{"reason", "likely duplicate shown before registering"}};
            ctx.audit(std::move(entry));
        }
        body_409["duplicates"] = std::move(duplicates);
        return Response::json(409, body_409);
    }
    const auto& p = *registered->patient;
    auto entry = patient_entry("patient.create", p.id);
    entry.detail = {{"facility_id", p.fields.facility_id}, {"allow_duplicate", form->allow_duplicate}};
    ctx.audit(std::move(entry));
    return Response::json(201, Json{{"patient", services::to_json(p)}});
}

Result<Response> read(const Request& request, RequestContext& ctx) {
    auto patient = authorized_patient(request, ctx, {perm::Action::PatientViewMaster, perm::Action::PatientRecordRead});
    if (!patient) return patient.error();
    auto row = services::get_patient(ctx.tx(), patient->id);
    if (!row) return row.error();
    Json body = services::to_json(*row);
    body["team"] = nullptr;
    if (row->team_id && perm::decide(http::signed_in(ctx).principal, perm::Action::TeamView, patient->target)) {
        auto team = services::get_team(ctx.tx(), *row->team_id);
        if (!team) return team.error();
        body["team"] = services::to_json(*team);
    }
    ctx.audit(patient_entry("patient.read", patient->id));
    return Response::json(200, body);
}

Result<Response> update(const Request& request, RequestContext& ctx) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    const auto& who = http::signed_in(ctx);
    // PatientEdit is a right over the registering facility (and over the new one when it moves).
    auto loaded = services::load_patient_target(ctx.tx(), *id, who.principal);
    perm::Target target = loaded.value_or(services::unknown_patient_target(*id));
    if (loaded) target.facility_id = target.patient_facility_ids.front();
    if (auto ok = http::authorize(ctx, perm::Action::PatientEdit, target, {"patient", std::to_string(*id)}); !ok)
        return ok.error();
    if (!loaded) return Error::make(ErrorCode::NotFound, "no such patient");
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto current = services::get_patient(ctx.tx(), *id);
    if (!current) return current.error();
    auto form = services::read_patient_form(ctx.tx(), *body, &current->fields, services::japan_today());
    if (!form) return form.error();
    if (form->fields.facility_id != current->fields.facility_id) {
        target.facility_id = form->fields.facility_id;
        if (auto ok = http::authorize(ctx, perm::Action::PatientEdit, target, {"patient", std::to_string(*id)}); !ok)
            return ok.error();
    }
    auto updated = services::update_patient(ctx.tx(), *id, *form);
    if (!updated) return updated.error();
    ctx.audit(patient_entry("patient.update", *id));
    return Response::json(200, Json{{"patient", services::to_json(*updated)}});
}

Result<Response> mine(const Request&, RequestContext& ctx) {
    Json items = Json::array();
    const auto& principal = http::signed_in(ctx).principal;
    auto rows = services::my_patients(ctx.tx(), principal);
    auto unread = services::unread_for(ctx.tx(), principal, rows); // issue 5: memos not yet shown
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Json item = services::my_patient_json(rows[i]);
        item["unread"] = unread[i];
        items.push_back(std::move(item));
        ctx.audit(patient_entry("patient.list_mine", rows[i].patient.id));
    }
    auto r = Response::json(200, Json{{"patients", std::move(items)}});
    r.headers.set("Cache-Control", "no-store");
    return r;
}

} // namespace

void add_patient_routes(http::Router& router) {
    router.add("GET", "/api/v1/patients", list, k_signed_in);
    router.add("POST", "/api/v1/patients", create, k_signed_in);
    router.add("GET", "/api/v1/patients/:id", read, k_signed_in);
    router.add("PUT", "/api/v1/patients/:id", update, k_signed_in);
    router.add("GET", "/api/v1/my/patients", mine, k_signed_in);
}

} // namespace mimamori::api
