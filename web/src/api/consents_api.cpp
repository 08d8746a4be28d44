#include "api/consents_api.hpp"

#include <algorithm>
#include <utility>

#include "api/json_reader.hpp"
#include "mimamori/common/base64url.hpp"

namespace mimamori::web::api {
namespace {

Result<Consent> parse_consent(const Json& j) {
    JsonReader r(j, "consent");
    Consent c;
    c.id = r.id("id");
    c.patient_id = r.integer("patient_id");
    if (const Json* scope = r.object("scope")) {
        JsonReader s(*scope, "consent.scope");
        c.professional = s.flag("professional");
        c.family = s.flag("family");
        if (s.error()) r.fail(*s.error());
    }
    if (const Json* signer = r.object("signer")) {
        JsonReader s(*signer, "consent.signer");
        c.signer = {s.str("kind"), s.opt_str("name"), s.opt_str("relation")};
        if (s.error()) r.fail(*s.error());
    }
    c.method = r.str("method");
    c.text_version = r.opt_str("text_version");
    c.text_sha256 = r.opt_str("text_sha256");
    c.recorded_by_name = r.opt_str("recorded_by_name");
    c.recorded_at = r.opt_str("recorded_at");
    c.withdrawn_at = r.opt_str("withdrawn_at");
    c.withdrawal_reason = r.opt_str("withdrawal_reason");
    if (const Json* document = r.object("document")) {
        JsonReader d(*document, "consent.document");
        c.document_name = d.opt_str("name");
        c.document_media_type = d.opt_str("media_type");
        c.document_size = d.integer("size");
        if (d.error()) r.fail(*d.error());
    }
    return r.result(std::move(c));
}

Result<Consent> parse_consent_answer(const Json& j) {
    const auto it = j.find("consent");
    return parse_consent(it != j.end() && it->is_object() ? *it : j);
}

Result<ConsentOverviewRow> parse_overview_row(const Json& j) {
    JsonReader r(j, "consent overview");
    ConsentOverviewRow row{r.id("patient_id"), r.opt_str("name"), r.opt_str("facility_name"), {}};
    if (const Json* state = r.object("consent")) {
        JsonReader s(*state, "consent overview.consent");
        row.consent = {s.str("state"), s.flag("professional"), s.flag("family"), s.opt_str("recorded_at"),
                       s.opt_id("consent_id")};
        if (s.error()) r.fail(*s.error());
    }
    return r.result(std::move(row));
}

std::string consent_path(perm::Id id) { return "consents/" + std::to_string(id); }

} // namespace

Call<Consent> record_consent(perm::Id patient_id, const NewConsent& c) {
    Json signer = {{"kind", c.signer.kind}, {"name", c.signer.name}};
    if (c.signer.kind == "proxy") signer["relation"] = c.signer.relation;
    const auto text = consent::text_of(c.text_version);
    Json body = {{"scope", {{"professional", true}, {"family", c.family}}},
                 {"signer", std::move(signer)},
                 {"text_version", c.text_version},
                 {"text_sha256", text ? consent::sha256_hex(*text) : std::string()}};
    if (c.signature) {
        body["method"] = "e_signature";
        body["signature"] = consent::to_json(*c.signature);
    } else if (c.document) {
        body["method"] = "paper";
        body["document"] = {{"name", c.document->name},
                            {"media_type", c.document->media_type},
                            {"content_base64", encoding::base64_encode(as_bytes(c.document->bytes))}};
    }
    return call<Consent>({"POST", "patients/" + std::to_string(patient_id) + "/consents", std::move(body)},
                         parse_consent_answer);
}

Call<std::vector<Consent>> list_consents(perm::Id patient_id) {
    return call<std::vector<Consent>>({"GET", "patients/" + std::to_string(patient_id) + "/consents"}, [](const Json& j) {
        auto list = read_list_answer<Consent>(j, "consents", parse_consent);
        if (list) { // newest first, whatever order the server keeps
            std::stable_sort(list->begin(), list->end(), [](const Consent& a, const Consent& b) {
                return a.recorded_at != b.recorded_at ? a.recorded_at > b.recorded_at : a.id > b.id;
            });
        }
        return list;
    });
}

Call<std::string> fetch_consent_text(perm::Id consent_id) {
    return call_for_text({"GET", consent_path(consent_id) + "/text"});
}

Call<Consent> withdraw_consent(perm::Id consent_id, const std::string& reason) {
    return call<Consent>({"POST", consent_path(consent_id) + "/withdraw", Json{{"reason", reason}}}, parse_consent_answer);
}

std::string consent_signature_url(perm::Id consent_id) { return "api/v1/" + consent_path(consent_id) + "/signature.svg"; }
std::string consent_document_url(perm::Id consent_id) { return "api/v1/" + consent_path(consent_id) + "/document"; }

Call<std::vector<ConsentOverviewRow>> consent_overview(const std::string& state) {
    std::string path = "consents";
    add_query(path, "state", state);
    return call<std::vector<ConsentOverviewRow>>({"GET", std::move(path)}, [](const Json& j) {
        return read_list_answer<ConsentOverviewRow>(j, "patients", parse_overview_row);
    });
}

} // namespace mimamori::web::api
