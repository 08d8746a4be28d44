#pragma once
// Two-factor sign-in (RFC 6238 TOTP) for one's own account: enrolment (a pending secret, shown as
// a QR code, confirmed by a first code, which also issues 10 recovery codes shown once), turning
// it off, and the checks sign-in makes. Secrets are sealed with the server's secret key; recovery
// codes are kept as HMACs under it, bound to the account.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/bytes.hpp"
#include "mimamori/common/result.hpp"
#include "services/secret_key.hpp"
#include "services/signed_in.hpp"

namespace mimamori::services {

// A typed code against a sealed secret at the server's clock: the matched step, or an
// Unauthenticated error naming `field` (wrong, or already used: then the message says to wait
// for the next code).
Result<std::int64_t> check_totp(const SecretKey& key, ByteView sealed_secret, std::string_view typed,
                                std::optional<std::int64_t> last_step, std::string_view field);

// The stored form of a recovery code (canonical, see recovery_codes.hpp) of an account.
Bytes recovery_code_hash(const SecretKey& key, std::int64_t account_id, std::string_view canonical_code);

struct Enrolment {
    std::string secret_base32;
    std::string otpauth_uri;
    std::string qr_svg;
};
// A new pending secret for the account (replacing an earlier pending one). Conflict when
// two-factor sign-in is already on.
Result<Enrolment> start_two_factor(db::Tx& tx, const SecretKey& key, const AccountSummary& account);
// Turns two-factor sign-in on with the first code of the pending secret; the new recovery codes
// (formatted for display). Conflict without a pending secret; InvalidInput "code" when wrong.
Result<std::vector<std::string>> confirm_two_factor(db::Tx& tx, const SecretKey& key, std::int64_t account_id,
                                                    std::string_view code);
// Turns it off after the caller has checked the password: needs a current code (Unauthenticated
// "code" otherwise) and no facility that requires it (Conflict).
Status disable_two_factor(db::Tx& tx, const SecretKey& key, const SignedIn& who, std::string_view code);

} // namespace mimamori::services
