#include "services/family_accounts.hpp"

#include "mimamori/common/encoding.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/qr.hpp"
#include "mimamori/common/recovery_codes.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "repositories/invitation_repository.hpp"
#include "repositories/session_repository.hpp"
#include "repositories/staff_repository.hpp"
#include "repositories/throttle_repository.hpp"
#include "services/master_input.hpp"

namespace mimamori::services {
namespace {

constexpr std::string_view k_code_purpose = "handover-code";

Error no_account() { return Error::make(ErrorCode::NotFound, "no such family account"); }

Error gone() {
    return Error::make(ErrorCode::Gone, "this code cannot be used: it is wrong, has expired or was used. Ask the care "
                                        "team for a new one.");
}

Invitee invitee_of(const repositories::FamilyAccountRow& a) {
    return {a.id, a.name, a.login, a.email, std::nullopt, ""};
}

std::string code_hash_hex(const SecretKey& key, std::string_view canonical) {
    return encoding::hex_encode(key.mac(k_code_purpose, as_bytes(canonical)));
}

Result<repositories::NewFamilyAccount> read_family_account(const Json& body) {
    if (auto known = json::reject_unknown_keys(body, {"name", "name_kana", "email", "login", "relation"}); !known)
        return known.error();
    repositories::NewFamilyAccount a;
    auto name = string_field(body, "name", "");
    if (!name) return name.error();
    auto valid_name = validate::name("name", *name, 100);
    if (!valid_name) return valid_name.error();
    a.name = *valid_name;
    auto kana = json::get_string(body, "name_kana");
    if (!kana) return Error::invalid("name_kana", "name_kana is required: the name in katakana (フリガナ)");
    auto valid_kana = kana_field("name_kana", *kana);
    if (!valid_kana) return valid_kana.error();
    a.name_kana = *valid_kana;
    auto email = optional_string_field(body, "email");
    if (!email) return email.error();
    if (!text::trim(*email).empty()) {
        auto valid_email = validate::email("email", text::trim(*email));
        if (!valid_email) return valid_email.error();
        a.email = *valid_email;
    }
    auto login = string_field(body, "login", "");
    if (!login) return login.error();
    auto valid_login = validate::login_id("login", text::trim(*login));
    if (!valid_login) return valid_login.error();
    a.login = *valid_login;
    auto relation = string_field(body, "relation", "");
    if (!relation) return relation.error();
    auto valid_relation = validate::name("relation", *relation, 50);
    if (!valid_relation) return valid_relation.error();
    a.relation = *valid_relation;
    return a;
}

} // namespace

Result<RegisteredFamily> register_family_account(db::Tx& tx, std::int64_t patient_id, const Json& body,
                                                 const Inviter& inviter) {
    auto input = read_family_account(body);
    if (!input) return input.error();
    if (repositories::login_taken(tx, input->login))
        return Error{ErrorCode::Conflict, "login is already taken: choose another login id", "login"};
    input->patient_id = patient_id;
    const std::int64_t id = repositories::insert_family_account(tx, *input);
    RegisteredFamily out{*repositories::find_family_account(tx, id), std::nullopt};
    if (!out.account.email.empty())
        out.invitation_expires_at = send_invitation(tx, inviter, invitee_of(out.account), InvitationPurpose::Family);
    return out;
}

Result<repositories::FamilyAccountRow> get_family_account(db::Tx& tx, std::int64_t id) {
    auto row = repositories::find_family_account(tx, id);
    if (!row) return no_account();
    return std::move(*row);
}

std::vector<repositories::FamilyAccountRow> family_accounts(db::Tx& tx, std::int64_t patient_id) {
    return repositories::family_accounts(tx, patient_id);
}

Status remove_family_account(db::Tx& tx, std::int64_t id) {
    auto row = repositories::find_family_account(tx, id);
    if (!row) return no_account();
    if (row->status == "left") return Error::make(ErrorCode::Conflict, "this family account was already removed");
    repositories::set_account_status(tx, id, "left");
    repositories::revoke_invitations(tx, id);
    repositories::void_handover_codes(tx, id);
    repositories::delete_account_sessions(tx, id);
    return {};
}

Result<std::int64_t> reinvite_family_account(db::Tx& tx, std::int64_t id, const Inviter& inviter) {
    auto row = repositories::find_family_account(tx, id);
    if (!row) return no_account();
    if (row->status != "invited")
        return Error::make(ErrorCode::Conflict, "this account has already set a password: no invitation is needed");
    if (row->email.empty())
        return Error::make(ErrorCode::Conflict, "this account has no e-mail address: hand the invitation over at a "
                                                "home visit (handover code)");
    return send_invitation(tx, inviter, invitee_of(*row), InvitationPurpose::Family);
}

Result<Handover> hand_over(db::Tx& tx, std::int64_t id, const Inviter& inviter, const SecretKey& key) {
    auto row = repositories::find_family_account(tx, id);
    if (!row) return no_account();
    if (row->status != "invited")
        return Error::make(ErrorCode::Conflict, "this account has already set a password: no invitation is needed");
    Handover h;
    // The link of the QR code and the code expire together; a new handover voids both.
    auto link = issue_invitation_link(tx, inviter, invitee_of(*row), InvitationPurpose::Family, handover_lifetime);
    h.url = link.url;
    const std::string canonical = recovery::random_code(recovery::code_length);
    h.code = recovery::format(canonical);
    h.expires_at = repositories::replace_handover_code(tx, code_hash_hex(key, canonical), id,
                                                       inviter.account_id.value_or(0), handover_lifetime.count());
    auto qr = qr::encode_text(h.url);
    if (!qr) return qr.error();
    h.qr_svg = qr::to_svg(*qr);
    return h;
}

Redemption redeem_handover_code(db::Database& database, db::UnitOfWork& work, const Inviter& inviter,
                                const SecretKey& key, std::string_view typed, const std::string& client_address,
                                std::chrono::seconds window) {
    Redemption out;
    // Its own key space in the failure table: a family's typos never limit a shared line's sign-ins.
    const std::string address = "handover-code " + client_address;
    auto attempt = database.autocommit([&](db::Tx& tx) {
        return repositories::begin_address_attempt(tx, address, window.count(), handover_failures_per_address);
    });
    if (attempt.earlier_failures >= handover_failures_per_address) {
        out.error = Error::make(ErrorCode::RateLimited, "too many wrong codes from this network: try again later");
        out.retry_after_seconds = attempt.seconds_until_below;
        return out;
    }
    auto canonical = recovery::normalise(typed);
    if (!canonical) {
        out.error = Error::invalid("code", "code must be the 12 letters and digits shown, like 7KQM-W3XD-9HPA");
        return out;
    }
    db::Tx& tx = work.tx();
    const std::string hash = code_hash_hex(key, *canonical);
    auto code = repositories::find_handover_code(tx, hash);
    if (!code || !code->usable) {
        out.error = gone();
        return out;
    }
    auto row = repositories::find_family_account(tx, code->account_id);
    if (!row) {
        out.error = gone();
        return out;
    }
    auto link = issue_invitation_link(tx, inviter, invitee_of(*row), InvitationPurpose::Family, handover_lifetime);
    repositories::use_handover_code(tx, hash);
    repositories::uncount_address_attempt(tx, address, attempt.reservation);
    out.token = link.token;
    out.account_id = row->id;
    return out;
}

Json to_json(const repositories::FamilyAccountRow& a, bool full) {
    Json out = {{"id", a.id}, {"name", a.name}, {"relation", a.relation}, {"status", a.status}};
    if (full) {
        out["login"] = a.login;
        out["name_kana"] = a.name_kana;
        out["email"] = a.email;
        out["patient_id"] = a.patient_id;
        out["created_at"] = japan_iso8601(a.created_at);
    }
    return out;
}

} // namespace mimamori::services
