#pragma once
// Patient/family accounts (issue 4): the secretariat administrator registers, removes and
// re-invites them (the seed's table); a care-team member hands the invitation over at a home
// visit as a one-time code and QR code; the family member types the code on their own device.

#include <string>
#include <vector>

#include "api/call.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web::api {

struct FamilyAccount {
    perm::Id id = 0;
    std::string name;
    std::string relation; // 長女, 夫 ...
    std::string status;   // "invited", "active", "locked", "left"
    // The secretariat administrator's view only (empty for team members).
    std::string login;
    std::string name_kana;
    std::string email;
};

struct NewFamilyAccount {
    std::string name;
    std::string name_kana;
    std::string login;
    std::string relation;
    std::string email; // optional: without it the invitation is handed over at a visit
};

struct FamilyRegistered {
    FamilyAccount account;
    std::string invitation_expires_at; // "" when no mail was sent (no e-mail address)
};

// The one-time code of a handover and the invitation link its QR code carries.
struct Handover {
    std::string code; // "7KQM-W3XD-9HPA"
    std::string url;  // ".../#/invite/{token}"
    std::string expires_at;
};

Call<std::vector<FamilyAccount>> list_family_accounts(perm::Id patient_id);
// 409 with field "login" when the login id is taken.
Call<FamilyRegistered> register_family_account(perm::Id patient_id, const NewFamilyAccount& account);
Call<Nothing> remove_family_account(perm::Id account_id);
// Until when the new invitation works (ISO 8601).
Call<std::string> reinvite_family_account(perm::Id account_id);
// A new code voids the previous one (and its link).
Call<Handover> hand_over(perm::Id account_id);
// The code typed by the family member -> the invitation's token. 400 for a code of the wrong
// shape, 410 for an expired or used one, 429 after too many wrong codes.
Call<std::string> redeem_invitation_code(const std::string& code);

} // namespace mimamori::web::api
