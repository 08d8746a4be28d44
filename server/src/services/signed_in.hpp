#pragma once
// Who is signed in, as the session middleware loads it for each request: the account, its active
// affiliations, the session, and the perm::Principal that every permission decision is made for.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::services {

struct AccountSummary {
    std::int64_t id = 0;
    std::string login;
    std::string name;
    std::string name_kana;
    std::string email;
    std::string kind;   // "staff" or "family"
    std::string status; // "invited", "active", "locked", "left"
    std::optional<std::string> profession;       // vocabulary code (staff)
    std::optional<std::string> secretariat_role; // "secretariat_admin" or "secretariat_user"
    std::optional<std::int64_t> family_patient_id;
    bool must_change_password = false;
    bool two_factor_enabled = false;
};

// An active affiliation with what the app shows of its facility.
struct Membership {
    std::int64_t facility_id = 0;
    std::string facility_name;
    std::string facility_type;
    bool manager = false;
    bool require_two_factor = false;
};

struct SessionInfo {
    Bytes token_hash; // SHA-256 of the cookie's token (the sessions table's key)
    std::string csrf_token;
    bool kiosk = false;
    std::chrono::seconds idle_timeout{0};
};

struct SignedIn {
    AccountSummary account;
    std::vector<Membership> affiliations;
    SessionInfo session;
    perm::Principal principal;

    // A facility of the account enforces two-factor sign-in.
    bool two_factor_required() const {
        for (const auto& m : affiliations)
            if (m.require_two_factor) return true;
        return false;
    }
};

// The Principal of an account and its memberships (what perm::decide needs).
perm::Principal make_principal(const AccountSummary& account, const std::vector<Membership>& affiliations);

} // namespace mimamori::services
