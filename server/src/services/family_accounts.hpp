#pragma once
// Patient/family accounts (issue 4; the seed's table: the secretariat registers, removes and
// re-sends). An account belongs to one patient's family space. Its invitation goes by mail when
// it has an address, and can always be handed over at a home visit: a team member's tablet shows
// a one-time code (typed by hand, one hour) and the link as a QR code. Redeeming a code gives a
// fresh invitation link; wrong codes are limited per client address.
// The caller has checked FamilyAccountRegister / FamilyAccountResend / FamilyHandover for the
// account's patient.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/family_repository.hpp"
#include "services/invitations.hpp"
#include "services/secret_key.hpp"

namespace mimamori::services {

inline constexpr std::chrono::seconds handover_lifetime{3600};
inline constexpr std::int64_t handover_failures_per_address = 10; // within the sign-in lock window

// POST /api/v1/patients/{id}/family-accounts {"name","name_kana","email"?,"login","relation"}.
struct RegisteredFamily {
    repositories::FamilyAccountRow account;
    std::optional<std::int64_t> invitation_expires_at; // none: no address, hand it over
};
Result<RegisteredFamily> register_family_account(db::Tx& tx, std::int64_t patient_id, const Json& body,
                                                 const Inviter& inviter);

// NotFound for an id that is no family account.
Result<repositories::FamilyAccountRow> get_family_account(db::Tx& tx, std::int64_t id);
std::vector<repositories::FamilyAccountRow> family_accounts(db::Tx& tx, std::int64_t patient_id);

// Removal: the account is 'left', its sessions end, its links and codes are void (and, with the
// family space of issue 6, it leaves the space).
Status remove_family_account(db::Tx& tx, std::int64_t id);
// 再依頼 by mail: Conflict when the password is already set or there is no address.
Result<std::int64_t> reinvite_family_account(db::Tx& tx, std::int64_t id, const Inviter& inviter);

struct Handover {
    std::string code;   // "XXXX-XXXX-XXXX"
    std::string url;    // the invitation link, also as the QR code
    std::string qr_svg;
    std::int64_t expires_at = 0;
};
// Conflict when the account has already set its password.
Result<Handover> hand_over(db::Tx& tx, std::int64_t id, const Inviter& inviter, const SecretKey& key);

// POST /api/v1/invitations/code: the attempt is counted for `client_address` before the code is
// looked at (outside the request's transaction, which must not have begun: a failure's count
// must survive the rollback) and forgiven when the code works.
struct Redemption {
    std::optional<std::string> token;          // the new invitation link's token
    std::optional<std::int64_t> account_id;
    std::optional<Error> error;                // InvalidInput, Gone, RateLimited
    std::optional<std::int64_t> retry_after_seconds;
};
Redemption redeem_handover_code(db::Database& database, db::UnitOfWork& work, const Inviter& inviter,
                                const SecretKey& key, std::string_view typed, const std::string& client_address,
                                std::chrono::seconds window);

// The API's family account: in full for the secretariat, names and status for team members.
Json to_json(const repositories::FamilyAccountRow& account, bool full);

} // namespace mimamori::services
