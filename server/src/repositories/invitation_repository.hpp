#pragma once
// SQL of invitations (migration 0002): one-time links to set a password. Only the SHA-256 of a
// token is stored (hex in, bytea in the table), so a copy of the database opens no account.

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace mimamori::repositories {

struct NewInvitation {
    std::string token_hash_hex;
    std::int64_t account_id = 0;
    std::optional<std::int64_t> facility_id;
    std::string purpose;                 // representative, staff, family
    std::optional<std::int64_t> created_by;
    std::int64_t valid_seconds = 0;
};

struct InvitationRow {
    std::int64_t account_id = 0;
    std::optional<std::int64_t> facility_id;
    std::string purpose;
    std::int64_t expires_at = 0; // Unix seconds
    std::string name;            // the invited account's
    std::string login;
    std::string facility_name;   // "" without a facility
    // Not used, not voided by a later link, not expired, and the account still waits for it.
    bool usable = false;
};

// Voids every open link of the account (a re-send, 所属解除), then stores the new one. Returns
// its expiry (Unix seconds).
std::int64_t replace_invitation(db::Tx& tx, const NewInvitation& invitation);
// Voids the account's open links without a new one.
void revoke_invitations(db::Tx& tx, std::int64_t account_id);

// The invitation with this token hash; with `lock`, its row stays locked until the transaction
// ends (an acceptance, so that two at once cannot both use it).
std::optional<InvitationRow> find_invitation(db::Tx& tx, const std::string& token_hash_hex, bool lock);
void mark_invitation_used(db::Tx& tx, const std::string& token_hash_hex);

} // namespace mimamori::repositories
