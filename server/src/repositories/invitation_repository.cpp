#include "repositories/invitation_repository.hpp"

namespace mimamori::repositories {
namespace {

const db::Statement k_revoke{"invitation_revoke", R"sql(
    UPDATE invitations SET revoked_at = now()
     WHERE account_id = $1 AND used_at IS NULL AND revoked_at IS NULL)sql"};

const db::Statement k_insert{"invitation_insert", R"sql(
    INSERT INTO invitations (token_hash, account_id, facility_id, purpose, created_by, expires_at)
    VALUES (decode($1, 'hex'), $2, $3, $4, $5, now() + make_interval(secs => $6))
    RETURNING extract(epoch FROM expires_at)::bigint)sql"};

#define INVITATION_SELECT                                                                                  \
    "SELECT i.account_id, i.facility_id, i.purpose, extract(epoch FROM i.expires_at)::bigint, a.name, "   \
    "a.login, coalesce(f.name, ''), (i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now() " \
    "AND a.status = 'invited') "                                                                          \
    "FROM invitations i JOIN accounts a ON a.id = i.account_id "                                          \
    "LEFT JOIN facilities f ON f.id = i.facility_id WHERE i.token_hash = decode($1, 'hex')"

const db::Statement k_find{"invitation_find", INVITATION_SELECT};
const db::Statement k_find_locked{"invitation_find_locked", INVITATION_SELECT " FOR UPDATE OF i"};

const db::Statement k_used{"invitation_used",
                           "UPDATE invitations SET used_at = now() WHERE token_hash = decode($1, 'hex')"};

std::string id_text(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : std::string(); }
const char* nullable(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

} // namespace

std::int64_t replace_invitation(db::Tx& tx, const NewInvitation& i) {
    tx.exec(k_revoke, i.account_id);
    const std::string facility = id_text(i.facility_id);
    const std::string creator = id_text(i.created_by);
    return tx.exec(k_insert, i.token_hash_hex, i.account_id, nullable(facility), i.purpose, nullable(creator),
                   i.valid_seconds)[0][0]
        .as<std::int64_t>();
}

void revoke_invitations(db::Tx& tx, std::int64_t account_id) { tx.exec(k_revoke, account_id); }

std::optional<InvitationRow> find_invitation(db::Tx& tx, const std::string& token_hash_hex, bool lock) {
    auto rows = tx.exec(lock ? k_find_locked : k_find, token_hash_hex);
    if (rows.empty()) return std::nullopt;
    const auto& row = rows[0];
    InvitationRow out;
    out.account_id = row[0].as<std::int64_t>();
    if (!row[1].is_null()) out.facility_id = row[1].as<std::int64_t>();
    out.purpose = row[2].as<std::string>();
    out.expires_at = row[3].as<std::int64_t>();
    out.name = row[4].as<std::string>();
    out.login = row[5].as<std::string>();
    out.facility_name = row[6].as<std::string>();
    out.usable = row[7].as<bool>();
    return out;
}

void mark_invitation_used(db::Tx& tx, const std::string& token_hash_hex) { tx.exec(k_used, token_hash_hex); }

} // namespace mimamori::repositories

#undef INVITATION_SELECT
