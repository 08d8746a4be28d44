#pragma once
// The tamper evidence of the access log (DESIGN.md §7, MHLW guideline): each entry's hash covers
// the previous entry's hash and the entry's own canonical bytes,
//     hash_n = SHA-256(hash_{n-1} || canonical(entry_n)),   hash_0 = genesis_hash(),
// so changing, removing or inserting any entry breaks every hash after it. The server computes the
// hash when it appends an entry; tools/verify-audit walks the log with ChainVerifier and names
// the first broken entry. (Cutting entries off the end is not detectable from the log alone:
// compare the last hash with one kept elsewhere for that.)
//
// canonical(entry) is, in this order, each value written as a 4-byte big-endian length and then
// its bytes, with length 0xFFFFFFFF and no bytes for a null:
//     "mimamori.audit.v1"        format tag (a new format gets a new tag)
//     sequence                   decimal, e.g. "1234"
//     time                       UTC, ISO 8601 with microseconds: "2026-11-25T23:31:27.123456Z"
//     actor_account_id           decimal or null
//     actor_login, action, target_type, target_id
//     patient_id                 decimal or null
//     client_address, result
//     detail                     JSON, compact, object keys sorted (nlohmann's dump)
// Length prefixes make the encoding injective: no two different entries have the same bytes,
// whatever their fields contain.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "mimamori/common/crypto.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::audit {

using Hash = crypto::Sha256Digest;

// One access-log entry: who did what to which record, when, from where, with what result.
struct Entry {
    std::int64_t sequence = 0;                    // the log's id, strictly increasing (gaps allowed)
    std::int64_t time_us = 0;                     // server clock, microseconds since 1970-01-01T00:00Z
    std::optional<std::int64_t> actor_account_id; // null when nobody is signed in (failed sign-in)
    std::string actor_login;                      // the login id used, as typed for sign-in attempts
    std::string action;                           // e.g. "session.create", "patient.read"
    std::string target_type;                      // e.g. "patient", "facility", "staff"
    std::string target_id;
    std::optional<std::int64_t> patient_id;       // the patient whose information was touched
    std::string client_address;
    std::string result;                           // e.g. "ok", "denied", "failed"
    // Anything else worth keeping. Keep its numbers integers: a floating-point value may come back
    // from the database spelt differently (1e2 as 100), which would break the hash.
    Json detail = Json::object();
};

// An entry as stored, with the hash that was computed when it was appended.
struct StoredEntry {
    Entry entry;
    Hash hash{};
};

// "2026-11-25T23:31:27.123456Z" for a time in microseconds since the epoch (before 1970 too).
std::string format_time(std::int64_t time_us);

// The inverse of format_time(), strictly that form (years 1900..2200); an InvalidInput error
// naming `field` otherwise.
Result<std::int64_t> parse_time(std::string_view text, std::string_view field = "time");

// The canonical bytes of an entry, as described above.
std::string canonical(const Entry& entry);

// The hash the chain starts from: SHA-256 of "mimamori.audit.genesis.v1".
const Hash& genesis_hash();

// The hash of `entry` appended after an entry whose hash is `previous`.
Hash chain_hash(const Hash& previous, const Entry& entry);

// The first entry at which a chain does not hold.
struct Break {
    enum class Reason {
        HashMismatch,       // the stored hash is not chain_hash(previous, entry)
        SequenceNotIncreasing,
    };
    std::size_t index = 0;     // position among the entries given to the verifier, from 0
    std::int64_t sequence = 0; // the entry's own id
    Reason reason = Reason::HashMismatch;
    std::string message;       // for a person: which entry and what that means
};

// Walks a log in order, one entry at a time (so a tool can stream millions of rows). Stops
// judging at the first break; later entries are not checked.
class ChainVerifier {
public:
    // Starts at the beginning of the log, or after a known entry (its hash and sequence) to
    // verify from there on.
    explicit ChainVerifier(const Hash& previous = genesis_hash(),
                           std::optional<std::int64_t> previous_sequence = std::nullopt);

    // Checks the next entry; false when it (or an earlier one) broke the chain.
    bool add(const StoredEntry& stored);

    bool ok() const { return !m_break; }
    const std::optional<Break>& first_break() const { return m_break; }
    std::size_t verified() const { return m_count; } // entries that held
    const Hash& head() const { return m_previous; }  // hash of the last entry that held

private:
    Hash m_previous;
    std::optional<std::int64_t> m_previous_sequence;
    std::size_t m_count = 0;
    std::optional<Break> m_break;
};

// Verifies a whole sequence of entries from `previous`; nullopt when the chain holds.
std::optional<Break> verify(std::span<const StoredEntry> entries, const Hash& previous = genesis_hash());

} // namespace mimamori::audit
