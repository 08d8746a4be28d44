#pragma once
// The demo's family space (--demo-data DIR; services/demo_data.hpp), so that a newcomer sees the
// end-to-end encrypted family space working at once: DIR/family_space.json (optional) names a
// patient of region.json and its members with a sign-in,
//
//   {"patient": "<name in region.json>", "sealed_by": "<login>", "members": ["<login>", ...],
//    "recovery_codes": {"<login>": "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"},
//    "memos": [{"author": "<login>", "minutes_ago": 90, "text": "..."}],
//    "reactions": [{"memo": <index in memos>, "by": "<login>", "kind": "seen" | "thanks"}]}
//
// and is encrypted at load time by the same common/ code the browser runs: each member gets new
// key pairs wrapped under their demo password (Argon2id at the production parameters, so that
// they sign in and read), the members named get a recovery wrap under the given code, epoch 1's
// key is sealed to every member by "sealed_by", and the memos are sealed and signed by their
// authors. The server's tables then hold only what the browser would have sent.

#include <filesystem>
#include <map>
#include <string>

#include "db/database.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::services::demo {

// What was loaded (all zero when DIR has no family_space.json).
struct FamilySpaceCounts {
    std::size_t members = 0;
    std::size_t memos = 0;
};

// `passwords`: login -> demo password (accounts.json). InvalidInput naming the file and entry
// when the file is wrong (the caller rolls back).
Result<FamilySpaceCounts> insert_family_space(db::Tx& tx, const std::filesystem::path& dir,
                                              const std::map<std::string, std::string>& passwords);

} // namespace mimamori::services::demo
