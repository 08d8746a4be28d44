#pragma once
// What a signed-in person does to their own account: change the password (which ends their other
// sessions and clears a forced change) and prove the current password before turning two-factor
// sign-in off. A wrong current password counts as a failed sign-in of the login id, so a taken-
// over session cannot be used to guess it faster than the sign-in form allows.

#include <string_view>

#include "db/database.hpp"
#include "mimamori/common/password_policy.hpp"
#include "mimamori/common/result.hpp"
#include "services/signed_in.hpp"

namespace mimamori::services {

class Services;

// The password rules that apply to the account (two-factor on, or required by a facility, allows
// the shorter minimum).
password::Context password_context(const SignedIn& who);

// Checks `password` against the account's hash, outside the request's transaction (`database`;
// the unit of work must not have begun). Wrong: Unauthenticated naming `field`, counted as a
// failure (RateLimited once the login id is locked).
Status verify_own_password(const Services& services, db::Database& database, const SignedIn& who,
                           std::string_view password, std::string_view field);

// Sets a new password (rules already checked by the caller) in `tx`, clears must_change_password
// and ends every other session of the account.
void set_own_password(const Services& services, db::Tx& tx, const SignedIn& who, std::string_view new_password);

} // namespace mimamori::services
