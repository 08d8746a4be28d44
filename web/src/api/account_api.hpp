#pragma once
// The signed-in person's own account: sign-in and sign-out, GET /api/v1/me, password change,
// two-factor enrolment, and accepting an invitation (which signs in as the new account).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/call.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web::api {

struct MeAffiliation {
    perm::Id facility_id = 0;
    std::string facility_name;
    std::string facility_type; // vocabulary code
    bool manager = false;
    bool require_two_factor = false;
};

struct MeAccount {
    perm::Id id = 0;
    std::string login;
    std::string name;
    std::string name_kana;
    std::string email;
    std::string kind;       // "staff" or "family"
    std::string profession; // vocabulary code, "" for family accounts
    std::string status;
    std::optional<perm::Id> family_patient_id;
};

// GET /api/v1/me: who is signed in, and what the session is.
struct Me {
    MeAccount account;
    std::vector<std::string> roles; // perm::to_string(Role) codes
    std::vector<MeAffiliation> affiliations;
    std::string csrf_token;
    bool must_change_password = false;
    bool two_factor_enabled = false;
    bool two_factor_required = false; // a facility of the account enforces it
    bool kiosk = false;               // a shared terminal's session
    std::int64_t idle_timeout_seconds = 0;

    // The facts perm::decide needs, from what the server said.
    perm::Principal principal() const;
};

// POST /api/v1/session and invitation acceptance: the session's token and the account.
struct SignedIn {
    std::string csrf_token;
    Me me;
};

struct SignInRequest {
    std::string login;
    std::string password;
    std::string totp;          // "" when not asked for
    std::string recovery_code; // "" when not used
    bool kiosk = false;
};

// 401 with code "two_factor_required": the password was right, a code is needed.
Call<SignedIn> sign_in(const SignInRequest& request);
Call<Me> fetch_me();
Call<Nothing> sign_out();     // this session
Call<Nothing> sign_out_all(); // every session of the account
// 401 on a wrong current password; 400 with field "new_password" and a rule. `family_key_wrap`:
// the family space keys wrapped under the new password (family_vault.hpp), or null.
Call<Nothing> change_password(const std::string& current_password, const std::string& new_password,
                              Json family_key_wrap = nullptr);

struct TwoFactorEnrolment {
    std::string secret_base32;
    std::string otpauth_uri;
};
Call<TwoFactorEnrolment> start_two_factor();
// The recovery codes, shown once.
Call<std::vector<std::string>> confirm_two_factor(const std::string& code);
// 409 when a facility of the account requires two-factor sign-in.
Call<Nothing> disable_two_factor(const std::string& password, const std::string& code);

// GET /api/v1/invitations/{token}; 410 for expired, used or unknown links alike.
struct Invitation {
    std::string name;
    std::string login;
    std::string facility_name;
    std::string purpose;
    std::string expires_at;
};
Call<Invitation> fetch_invitation(const std::string& token);
Call<SignedIn> accept_invitation(const std::string& token, const std::string& password);

} // namespace mimamori::web::api
