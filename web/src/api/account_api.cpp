#include "api/account_api.hpp"

#include <utility>

#include "api/json_reader.hpp"

namespace mimamori::web::api {
namespace {

Result<MeAffiliation> parse_affiliation(const Json& j) {
    JsonReader r(j, "affiliation");
    MeAffiliation a;
    a.facility_id = r.id("facility_id");
    a.facility_name = r.opt_str("facility_name");
    a.facility_type = r.opt_str("facility_type");
    a.manager = r.flag("manager");
    a.require_two_factor = r.flag("require_two_factor");
    return r.result(std::move(a));
}

Result<Me> parse_me(const Json& j) {
    JsonReader r(j, "me");
    Me me;
    const Json* account = r.object("account");
    if (account == nullptr) return Error::invalid("account", "me: \"account\" is missing");
    JsonReader a(*account, "me.account");
    me.account.id = a.id("id");
    me.account.login = a.str("login");
    me.account.name = a.opt_str("name");
    me.account.name_kana = a.opt_str("name_kana");
    me.account.email = a.opt_str("email");
    me.account.kind = a.opt_str("kind");
    me.account.profession = a.opt_str("profession");
    me.account.status = a.opt_str("status");
    me.account.family_patient_id = a.opt_id("family_patient_id");
    if (a.error()) r.fail(*a.error());
    me.roles = r.strings("roles");
    auto affiliations = read_list<MeAffiliation>(r.array("affiliations"), parse_affiliation);
    if (!affiliations) return affiliations.error();
    me.affiliations = std::move(affiliations).value();
    me.csrf_token = r.opt_str("csrf_token");
    me.must_change_password = r.flag("must_change_password");
    if (const Json* tf = r.object("two_factor")) {
        JsonReader t(*tf, "me.two_factor");
        me.two_factor_enabled = t.flag("enabled");
        me.two_factor_required = t.flag("required");
        if (t.error()) r.fail(*t.error());
    }
    if (const Json* session = r.object("session")) {
        JsonReader s(*session, "me.session");
        me.kiosk = s.flag("kiosk");
        me.idle_timeout_seconds = s.integer("idle_timeout_seconds");
        if (s.error()) r.fail(*s.error());
    }
    return r.result(std::move(me));
}

Result<SignedIn> parse_signed_in(const Json& j) {
    JsonReader r(j, "session");
    SignedIn out;
    out.csrf_token = r.str("csrf_token");
    const Json* me = r.object("me");
    if (me == nullptr) return Error::invalid("me", "session: \"me\" is missing");
    auto parsed = parse_me(*me);
    if (!parsed) return parsed.error();
    out.me = std::move(parsed).value();
    // The token of the answer is the one to use (the me object may repeat it).
    if (out.me.csrf_token.empty()) out.me.csrf_token = out.csrf_token;
    return r.result(std::move(out));
}

} // namespace

perm::Principal Me::principal() const {
    perm::Principal p;
    p.account_id = account.id;
    p.family = account.kind == "family";
    for (const std::string& code : roles) {
        const auto role = perm::role_from_string(code);
        if (role == perm::Role::SecretariatAdmin || role == perm::Role::SecretariatUser) {
            // An administrator who is also listed as a user is an administrator.
            if (!p.secretariat || *role == perm::Role::SecretariatAdmin) p.secretariat = *role;
        }
    }
    if (!p.family) {
        for (const MeAffiliation& a : affiliations) p.affiliations.push_back({a.facility_id, a.manager});
        p.profession = profession_from_code(account.profession);
    }
    p.family_patient_id = account.family_patient_id;
    return p;
}

Call<SignedIn> sign_in(const SignInRequest& request) {
    Json body = {{"login", request.login}, {"password", request.password}, {"kiosk", request.kiosk}};
    if (!request.totp.empty()) body["totp"] = request.totp;
    if (!request.recovery_code.empty()) body["recovery_code"] = request.recovery_code;
    return call<SignedIn>({"POST", "session", std::move(body), On401::WrongCredentials}, parse_signed_in);
}

Call<Me> fetch_me() { return call<Me>({"GET", "me", std::nullopt, On401::WrongCredentials}, parse_me); }

Call<Nothing> sign_out() { return call_for_status({"DELETE", "session", std::nullopt, On401::WrongCredentials}); }

Call<Nothing> sign_out_all() { return call_for_status({"DELETE", "sessions"}); }

Call<Nothing> change_password(const std::string& current_password, const std::string& new_password,
                              Json family_key_wrap) {
    Json body{{"current_password", current_password}, {"new_password", new_password}};
    if (!family_key_wrap.is_null()) body["family_key_wrap"] = std::move(family_key_wrap);
    return call_for_status({"PUT", "me/password", std::move(body), On401::WrongCredentials});
}

Call<TwoFactorEnrolment> start_two_factor() {
    return call<TwoFactorEnrolment>({"POST", "me/two-factor"}, [](const Json& j) {
        JsonReader r(j, "two-factor enrolment");
        TwoFactorEnrolment e{r.str("secret_base32"), r.str("otpauth_uri")};
        return r.result(std::move(e));
    });
}

Call<std::vector<std::string>> confirm_two_factor(const std::string& code) {
    return call<std::vector<std::string>>({"POST", "me/two-factor/confirm", Json{{"code", code}},
                                           On401::WrongCredentials},
                                          [](const Json& j) {
                                              JsonReader r(j, "two-factor confirmation");
                                              return r.result(r.strings("recovery_codes"));
                                          });
}

Call<Nothing> disable_two_factor(const std::string& password, const std::string& code) {
    return call_for_status({"DELETE", "me/two-factor", Json{{"password", password}, {"code", code}},
                            On401::WrongCredentials});
}

Call<Invitation> fetch_invitation(const std::string& token) {
    return call<Invitation>({"GET", "invitations/" + query_value(token), std::nullopt, On401::WrongCredentials},
                            [](const Json& j) {
                                JsonReader r(j, "invitation");
                                Invitation i{r.opt_str("name"), r.str("login"), r.opt_str("facility_name"),
                                             r.opt_str("purpose"), r.opt_str("expires_at")};
                                return r.result(std::move(i));
                            });
}

Call<SignedIn> accept_invitation(const std::string& token, const std::string& password) {
    return call<SignedIn>({"POST", "invitations/" + query_value(token) + "/accept", Json{{"password", password}},
                           On401::WrongCredentials},
                          parse_signed_in);
}

} // namespace mimamori::web::api
