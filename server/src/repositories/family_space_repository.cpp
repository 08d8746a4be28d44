#include "repositories/family_space_repository.hpp"

#include <algorithm>
#include <cassert>

#include "mimamori/common/encoding.hpp"
#include "repositories/membership_sql.hpp"

namespace mimamori::repositories {
namespace {

// ---- key sets and wraps

#define KEYS_SELECT                                                                                   \
    "SELECT id, account_id, encode(box_public_key, 'hex'), encode(sign_public_key, 'hex'), "         \
    "extract(epoch FROM created_at)::bigint, extract(epoch FROM retired_at)::bigint FROM family_member_keys "

const db::Statement k_current_keys{"fs_current_keys", KEYS_SELECT "WHERE account_id = $1 AND retired_at IS NULL"};
const db::Statement k_key_history{"fs_key_history",
                                  KEYS_SELECT "WHERE account_id = ANY($1::bigint[]) ORDER BY account_id, id"};
const db::Statement k_retire_keys{"fs_retire_keys", R"sql(
    WITH retired AS (
        UPDATE family_member_keys SET retired_at = now() WHERE account_id = $1 AND retired_at IS NULL RETURNING id)
    DELETE FROM family_key_wraps WHERE key_id IN (SELECT id FROM retired))sql"};
const db::Statement k_insert_keys{"fs_insert_keys", R"sql(
    INSERT INTO family_member_keys (account_id, box_public_key, sign_public_key)
    VALUES ($1, decode($2, 'hex'), decode($3, 'hex')) RETURNING id)sql"};
const db::Statement k_put_wrap{"fs_put_wrap", R"sql(
    INSERT INTO family_key_wraps (key_id, purpose, opslimit, memlimit, salt, nonce, ciphertext)
    VALUES ($1, $2, $3, $4, decode($5, 'hex'), decode($6, 'hex'), decode($7, 'hex'))
    ON CONFLICT (key_id, purpose) DO UPDATE
       SET opslimit = EXCLUDED.opslimit, memlimit = EXCLUDED.memlimit, salt = EXCLUDED.salt,
           nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext, updated_at = now())sql"};
const db::Statement k_wraps{"fs_wraps", R"sql(
    SELECT purpose, opslimit, memlimit, encode(salt, 'hex'), encode(nonce, 'hex'), encode(ciphertext, 'hex')
      FROM family_key_wraps WHERE key_id = $1 ORDER BY purpose)sql"}; // "password" < "recovery"

// ---- the space

const db::Statement k_lock{"fs_lock", "SELECT pg_advisory_xact_lock(hashtextextended('mimamori.family_space', $1))"};
const db::Statement k_current_epoch{"fs_current_epoch",
                                    "SELECT coalesce(max(epoch), 0) FROM family_space_epochs WHERE patient_id = $1"};

// $1 the Japan date, $2 the patient. Current members: the patient's family accounts that were not
// removed, and the current members of the patient's team (membership_sql.hpp).
#define CURRENT_MEMBERS                                                                                \
    "SELECT a.id FROM accounts a WHERE a.kind = 'family' AND a.family_patient_id = $2 "                 \
    "   AND a.status <> 'left' "                                                                        \
    "UNION SELECT m.account_id FROM team_members m JOIN care_teams t ON t.id = m.team_id "              \
    " WHERE t.patient_id = $2 AND " MIMAMORI_ACTIVE_MEMBER("m")

const db::Statement k_members{"fs_members", R"sql(
    WITH cur AS ()sql" CURRENT_MEMBERS R"sql(),
    involved AS (
        SELECT id FROM cur
        UNION SELECT recipient_account_id FROM family_epoch_grants WHERE patient_id = $2
        UNION SELECT sealer_account_id FROM family_epoch_grants WHERE patient_id = $2
        UNION SELECT author_account_id FROM family_memos WHERE patient_id = $2)
    SELECT a.id, a.name, a.kind, coalesce(a.profession, ''), a.family_relation, a.id IN (SELECT id FROM cur),
           coalesce((SELECT string_agg(g.epoch::text, ',' ORDER BY g.epoch)
                       FROM family_epoch_grants g JOIN family_member_keys k ON k.id = g.recipient_key_id
                      WHERE g.patient_id = $2 AND g.recipient_account_id = a.id AND k.retired_at IS NULL), '')
      FROM accounts a WHERE a.id IN (SELECT id FROM involved)
     ORDER BY a.kind = 'staff', a.id)sql"};

const db::Statement k_insert_epoch{"fs_insert_epoch",
                                   "INSERT INTO family_space_epochs (patient_id, epoch, created_by) VALUES ($1, $2, $3)"};
const db::Statement k_epoch_exists{"fs_epoch_exists",
                                   "SELECT EXISTS (SELECT 1 FROM family_space_epochs WHERE patient_id = $1 AND epoch = $2)"};
const db::Statement k_insert_grant{"fs_insert_grant", R"sql(
    INSERT INTO family_epoch_grants (patient_id, epoch, recipient_account_id, recipient_key_id, sealer_account_id,
                                     sealed_key, signature)
    VALUES ($1, $2, $3, $4, $5, decode($6, 'hex'), decode($7, 'hex'))
    ON CONFLICT (patient_id, epoch, recipient_key_id) DO NOTHING)sql"};
const db::Statement k_grants_for{"fs_grants_for", R"sql(
    SELECT epoch, recipient_account_id, sealer_account_id, encode(sealed_key, 'hex'), encode(signature, 'hex')
      FROM family_epoch_grants WHERE patient_id = $1 AND recipient_key_id = $2 ORDER BY epoch)sql"};
const db::Statement k_epoch_holders{"fs_epoch_holders", R"sql(
    SELECT DISTINCT recipient_account_id FROM family_epoch_grants WHERE patient_id = $1 AND epoch = $2)sql"};
const db::Statement k_holds_grant{"fs_holds_grant", R"sql(
    SELECT EXISTS (SELECT 1 FROM family_epoch_grants WHERE patient_id = $1 AND epoch = $2 AND recipient_key_id = $3))sql"};

// ---- memos

const db::Statement k_memo_taken{"fs_memo_taken",
                                 "SELECT EXISTS (SELECT 1 FROM family_memos WHERE patient_id = $1 AND memo_id = $2)"};
const db::Statement k_insert_memo{"fs_insert_memo", R"sql(
    INSERT INTO family_memos (patient_id, memo_id, epoch, author_account_id, author_key_id, time_ms, nonce,
                              ciphertext, signature)
    VALUES ($1, $2, $3, $4, $5, $6, decode($7, 'hex'), decode($8, 'hex'), decode($9, 'hex'))
    RETURNING id)sql"};
// $3: the exclusive upper bound of id (NULL: none).
const db::Statement k_list_memos{"fs_list_memos", R"sql(
    SELECT f.id, f.memo_id, f.epoch, f.author_account_id, f.time_ms, encode(f.nonce, 'hex'),
           encode(f.ciphertext, 'hex'), encode(f.signature, 'hex'), f.author_key_id,
           extract(epoch FROM f.received_at)::bigint,
           coalesce((SELECT string_agg(r.account_id::text || ':' || r.kind, ',' ORDER BY r.created_at, r.account_id, r.kind)
                       FROM family_memo_reactions r WHERE r.memo_row_id = f.id), '')
      FROM family_memos f
     WHERE f.patient_id = $1 AND ($3::bigint IS NULL OR f.id < $3::bigint)
     ORDER BY f.id DESC LIMIT $2)sql"};
const db::Statement k_memo_seq{"fs_memo_seq", "SELECT id FROM family_memos WHERE patient_id = $1 AND memo_id = $2"};
const db::Statement k_add_reaction{"fs_add_reaction", R"sql(
    INSERT INTO family_memo_reactions (memo_row_id, account_id, kind) VALUES ($1, $2, $3)
    ON CONFLICT DO NOTHING)sql"};
const db::Statement k_remove_reaction{"fs_remove_reaction",
                                      "DELETE FROM family_memo_reactions WHERE memo_row_id = $1 AND account_id = $2 AND kind = $3"};

// ---- verifications

const db::Statement k_put_verification{"fs_put_verification", R"sql(
    INSERT INTO family_key_verifications (verifier_account_id, subject_account_id, fingerprint, verified_at_ms, signature)
    VALUES ($1, $2, decode($3, 'hex'), $4, decode($5, 'hex'))
    ON CONFLICT (verifier_account_id, subject_account_id) DO UPDATE
       SET fingerprint = EXCLUDED.fingerprint, verified_at_ms = EXCLUDED.verified_at_ms,
           signature = EXCLUDED.signature, recorded_at = now())sql"};
const db::Statement k_verifications{"fs_verifications", R"sql(
    SELECT subject_account_id, encode(fingerprint, 'hex'), verified_at_ms, encode(signature, 'hex')
      FROM family_key_verifications
     WHERE verifier_account_id = $1 AND subject_account_id = ANY($2::bigint[])
     ORDER BY subject_account_id)sql"};

const db::Statement k_patient_by_name{"fs_patient_by_name", "SELECT id FROM patients WHERE name = $1 LIMIT 2"};

std::string hex(ByteView bytes) { return encoding::hex_encode(bytes); }

// A fixed-size value from encode(..., 'hex') of a column whose length the schema checks.
template <std::size_t N>
void read_fixed(const pqxx::field& field, std::array<std::uint8_t, N>& out) {
    auto bytes = encoding::hex_decode(field.as<std::string>());
    assert(bytes && bytes->size() == N);
    std::copy_n(bytes->begin(), N, out.begin());
}

MemberKeyRow read_keys(const pqxx::row& row) {
    MemberKeyRow k;
    k.key_id = row[0].as<std::int64_t>();
    k.member.account_id = row[1].as<std::int64_t>();
    read_fixed(row[2], k.member.keys.box.bytes);
    read_fixed(row[3], k.member.keys.sign.bytes);
    k.created_at = row[4].as<std::int64_t>();
    if (!row[5].is_null()) k.retired_at = row[5].as<std::int64_t>();
    return k;
}

} // namespace

std::optional<MemberKeyRow> current_member_keys(db::Tx& tx, std::int64_t account_id) {
    auto rows = tx.exec(k_current_keys, account_id);
    if (rows.empty()) return std::nullopt;
    return read_keys(rows[0]);
}

std::vector<MemberKeyRow> member_key_history(db::Tx& tx, const std::vector<std::int64_t>& account_ids) {
    std::vector<MemberKeyRow> out;
    for (const auto& row : tx.exec(k_key_history, array_literal(account_ids))) out.push_back(read_keys(row));
    return out;
}

std::int64_t replace_member_keys(db::Tx& tx, std::int64_t account_id, const fc::MemberPublicKeys& keys) {
    tx.exec(k_retire_keys, account_id);
    return tx.exec(k_insert_keys, account_id, hex(keys.box.bytes), hex(keys.sign.bytes))[0][0].as<std::int64_t>();
}

void put_key_wrap(db::Tx& tx, std::int64_t key_id, const fc::WrappedKeys& wrap) {
    tx.exec(k_put_wrap, key_id, std::string(fc::to_string(wrap.purpose)), static_cast<std::int64_t>(wrap.kdf.opslimit),
            static_cast<std::int64_t>(wrap.kdf.memlimit), hex(wrap.salt), hex(wrap.nonce), hex(wrap.ciphertext));
}

std::vector<fc::WrappedKeys> key_wraps(db::Tx& tx, const MemberKeyRow& keys) {
    std::vector<fc::WrappedKeys> out;
    for (const auto& row : tx.exec(k_wraps, keys.key_id)) {
        fc::WrappedKeys w;
        w.purpose = row[0].as<std::string>() == "recovery" ? fc::WrapPurpose::Recovery : fc::WrapPurpose::Password;
        w.account_id = keys.member.account_id;
        w.public_keys = keys.member.keys;
        w.kdf.opslimit = row[1].as<std::uint64_t>();
        w.kdf.memlimit = row[2].as<std::uint64_t>();
        read_fixed(row[3], w.salt);
        read_fixed(row[4], w.nonce);
        read_fixed(row[5], w.ciphertext);
        out.push_back(w);
    }
    return out;
}

void lock_family_space(db::Tx& tx, std::int64_t patient_id) { tx.exec(k_lock, patient_id); }

fc::Epoch current_epoch(db::Tx& tx, std::int64_t patient_id) {
    return static_cast<fc::Epoch>(tx.exec(k_current_epoch, patient_id)[0][0].as<std::int64_t>());
}

std::vector<SpaceMemberRow> space_members(db::Tx& tx, std::int64_t patient_id, const Date& today) {
    std::vector<SpaceMemberRow> out;
    for (const auto& row : tx.exec(k_members, today.to_string(), patient_id)) {
        SpaceMemberRow m;
        m.account_id = row[0].as<std::int64_t>();
        m.name = row[1].as<std::string>();
        m.kind = row[2].as<std::string>();
        m.profession = row[3].as<std::string>();
        m.relation = row[4].as<std::string>();
        m.current = row[5].as<bool>();
        for (auto id : id_list(row[6].as<std::string>())) m.epochs.push_back(static_cast<fc::Epoch>(id));
        out.push_back(std::move(m));
    }
    return out;
}

void insert_epoch(db::Tx& tx, std::int64_t patient_id, fc::Epoch epoch, std::int64_t created_by) {
    tx.exec(k_insert_epoch, patient_id, static_cast<std::int64_t>(epoch), created_by);
}

bool epoch_exists(db::Tx& tx, std::int64_t patient_id, fc::Epoch epoch) {
    return tx.exec(k_epoch_exists, patient_id, static_cast<std::int64_t>(epoch))[0][0].as<bool>();
}

bool insert_grant(db::Tx& tx, const fc::SealedEpochKey& g, std::int64_t recipient_key_id) {
    return tx.exec(k_insert_grant, g.space_id, static_cast<std::int64_t>(g.epoch), g.recipient_account_id,
                   recipient_key_id, g.sealer_account_id, hex(g.sealed), hex(g.signature))
               .affected_rows() == 1;
}

std::vector<fc::SealedEpochKey> grants_for(db::Tx& tx, std::int64_t patient_id, std::int64_t key_id) {
    std::vector<fc::SealedEpochKey> out;
    for (const auto& row : tx.exec(k_grants_for, patient_id, key_id)) {
        fc::SealedEpochKey g;
        g.space_id = patient_id;
        g.epoch = static_cast<fc::Epoch>(row[0].as<std::int64_t>());
        g.recipient_account_id = row[1].as<std::int64_t>();
        g.sealer_account_id = row[2].as<std::int64_t>();
        read_fixed(row[3], g.sealed);
        read_fixed(row[4], g.signature);
        out.push_back(g);
    }
    return out;
}

std::vector<std::int64_t> epoch_holders(db::Tx& tx, std::int64_t patient_id, fc::Epoch epoch) {
    std::vector<std::int64_t> out;
    for (const auto& row : tx.exec(k_epoch_holders, patient_id, static_cast<std::int64_t>(epoch)))
        out.push_back(row[0].as<std::int64_t>());
    return out;
}

bool holds_grant(db::Tx& tx, std::int64_t patient_id, fc::Epoch epoch, std::int64_t key_id) {
    return tx.exec(k_holds_grant, patient_id, static_cast<std::int64_t>(epoch), key_id)[0][0].as<bool>();
}

bool memo_id_taken(db::Tx& tx, std::int64_t patient_id, const std::string& memo_id) {
    return tx.exec(k_memo_taken, patient_id, memo_id)[0][0].as<bool>();
}

std::int64_t insert_memo(db::Tx& tx, const fc::MemoEnvelope& e, std::int64_t author_key_id) {
    const auto& h = e.header;
    return tx.exec(k_insert_memo, h.space_id, h.memo_id, static_cast<std::int64_t>(h.epoch), h.author_account_id,
                   author_key_id, h.time_ms, hex(e.nonce), hex(e.ciphertext), hex(e.signature))[0][0]
        .as<std::int64_t>();
}

std::vector<FamilyMemoRow> list_memos(db::Tx& tx, std::int64_t patient_id, std::optional<std::int64_t> before,
                                      int limit) {
    std::vector<FamilyMemoRow> out;
    auto rows = before ? tx.exec(k_list_memos, patient_id, limit, *before)
                       : tx.exec(k_list_memos, patient_id, limit, nullptr);
    out.reserve(rows.size());
    for (const auto& row : rows) {
        FamilyMemoRow m;
        m.seq = row[0].as<std::int64_t>();
        auto& h = m.envelope.header;
        h.space_id = patient_id;
        h.memo_id = row[1].as<std::string>();
        h.epoch = static_cast<fc::Epoch>(row[2].as<std::int64_t>());
        h.author_account_id = row[3].as<std::int64_t>();
        h.time_ms = row[4].as<std::int64_t>();
        read_fixed(row[5], m.envelope.nonce);
        m.envelope.ciphertext = encoding::hex_decode(row[6].as<std::string>()).value();
        read_fixed(row[7], m.envelope.signature);
        m.author_key_id = row[8].as<std::int64_t>();
        m.received_at = row[9].as<std::int64_t>();
        const std::string reactions = row[10].as<std::string>();
        std::size_t start = 0;
        while (start < reactions.size()) {
            auto end = reactions.find(',', start);
            if (end == std::string::npos) end = reactions.size();
            const std::string item = reactions.substr(start, end - start);
            const auto colon = item.find(':');
            m.reactions.emplace_back(std::stoll(item.substr(0, colon)), item.substr(colon + 1));
            start = end + 1;
        }
        out.push_back(std::move(m));
    }
    return out;
}

std::optional<std::int64_t> memo_seq(db::Tx& tx, std::int64_t patient_id, const std::string& memo_id) {
    auto rows = tx.exec(k_memo_seq, patient_id, memo_id);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

bool add_reaction(db::Tx& tx, std::int64_t seq, std::int64_t account_id, const std::string& kind) {
    return tx.exec(k_add_reaction, seq, account_id, kind).affected_rows() == 1;
}

bool remove_reaction(db::Tx& tx, std::int64_t seq, std::int64_t account_id, const std::string& kind) {
    return tx.exec(k_remove_reaction, seq, account_id, kind).affected_rows() == 1;
}

void put_verification(db::Tx& tx, const fc::VerifiedFingerprint& r) {
    tx.exec(k_put_verification, r.verifier_account_id, r.subject_account_id, hex(r.fingerprint), r.verified_at_ms,
            hex(r.signature));
}

std::vector<fc::VerifiedFingerprint> verifications_by(db::Tx& tx, std::int64_t verifier,
                                                      const std::vector<std::int64_t>& subjects) {
    std::vector<fc::VerifiedFingerprint> out;
    for (const auto& row : tx.exec(k_verifications, verifier, array_literal(subjects))) {
        fc::VerifiedFingerprint r;
        r.verifier_account_id = verifier;
        r.subject_account_id = row[0].as<std::int64_t>();
        read_fixed(row[1], r.fingerprint);
        r.verified_at_ms = row[2].as<std::int64_t>();
        read_fixed(row[3], r.signature);
        out.push_back(r);
    }
    return out;
}

std::optional<std::int64_t> patient_id_by_name(db::Tx& tx, const std::string& name) {
    auto rows = tx.exec(k_patient_by_name, name);
    if (rows.size() != 1) return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

} // namespace mimamori::repositories
