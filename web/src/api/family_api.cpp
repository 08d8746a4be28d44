#include "api/family_api.hpp"

#include <utility>

#include "api/json_reader.hpp"

namespace mimamori::web::api {
namespace {

Result<FamilyAccount> parse_account(const Json& j) {
    JsonReader r(j, "family account");
    FamilyAccount a;
    a.id = r.id("id");
    a.name = r.opt_str("name");
    a.relation = r.opt_str("relation");
    a.status = r.opt_str("status");
    a.login = r.opt_str("login");
    a.name_kana = r.opt_str("name_kana");
    a.email = r.opt_str("email");
    return r.result(std::move(a));
}

std::string account_path(perm::Id id) { return "family-accounts/" + std::to_string(id); }

} // namespace

Call<std::vector<FamilyAccount>> list_family_accounts(perm::Id patient_id) {
    return call<std::vector<FamilyAccount>>(
        {"GET", "patients/" + std::to_string(patient_id) + "/family-accounts"},
        [](const Json& j) { return read_list_answer<FamilyAccount>(j, "accounts", parse_account); });
}

Call<FamilyRegistered> register_family_account(perm::Id patient_id, const NewFamilyAccount& a) {
    Json body = {{"name", a.name}, {"name_kana", a.name_kana}, {"login", a.login}, {"relation", a.relation}};
    if (!a.email.empty()) body["email"] = a.email;
    return call<FamilyRegistered>(
        {"POST", "patients/" + std::to_string(patient_id) + "/family-accounts", std::move(body)},
        [](const Json& j) -> Result<FamilyRegistered> {
            JsonReader r(j, "family account registration");
            const Json* account = r.object("account");
            if (account == nullptr) return Error::invalid("account", "family account registration: \"account\" is missing");
            auto parsed = parse_account(*account);
            if (!parsed) return parsed.error();
            FamilyRegistered out{std::move(parsed).value(), {}};
            if (const Json* invitation = r.object("invitation")) {
                JsonReader i(*invitation, "family account registration.invitation");
                out.invitation_expires_at = i.opt_str("expires_at");
                if (i.error()) r.fail(*i.error());
            }
            return r.result(std::move(out));
        });
}

Call<Nothing> remove_family_account(perm::Id account_id) { return call_for_status({"DELETE", account_path(account_id)}); }

Call<std::string> reinvite_family_account(perm::Id account_id) {
    return call<std::string>({"POST", account_path(account_id) + "/reinvite"}, [](const Json& j) {
        JsonReader r(j, "invitation");
        return r.result(r.opt_str("expires_at"));
    });
}

Call<Handover> hand_over(perm::Id account_id) {
    return call<Handover>({"POST", account_path(account_id) + "/handover"}, [](const Json& j) {
        JsonReader r(j, "handover");
        Handover h{r.str("code"), r.str("url"), r.opt_str("expires_at")};
        return r.result(std::move(h));
    });
}

Call<std::string> redeem_invitation_code(const std::string& code) {
    // A wrong code is the person's typing, not a session that ended.
    return call<std::string>({"POST", "invitations/code", Json{{"code", code}}, On401::WrongCredentials},
                             [](const Json& j) {
                                 JsonReader r(j, "invitation code");
                                 return r.result(r.str("token"));
                             });
}

} // namespace mimamori::web::api
