#pragma once
// Demo data for tools/run and the browser tests (--demo-data DIR), loaded only into a database
// that has no account yet, so that a restart keeps what people did:
//
//   DIR/region.json    {"secretariat": [person + "role"], "facilities": [facility form + "staff":
//                      [person + "manager"]], "patients": [patient form + "facility",
//                      "registered_by", "team", "consent", "family": [person + "relation"]]} --
//                      the same fields and checks as the API's forms (services/demo_patients.hpp)
//   DIR/accounts.json  [{"login","password","role","facility","profession","patients"}]: the
//                      sign-ins tools/run prints. Each must name a person of region.json with that
//                      role ("family" for a family member), facility ("" for the secretariat and
//                      families) and profession (null for families), and a password the guideline
//                      accepts without two-factor sign-in. "patients" (ignored here) lists the ids
//                      of the patients the account sees (GET /api/v1/patients and
//                      /api/v1/my/patients): ids are predictable, as the demo goes only into an
//                      empty database, in the files' order -- a test holds them to it.
//   DIR/memos.json     optional: professional memos of the demo patients' timelines, posted
//                      through the API's checks and dated back (services/demo_memos.hpp); also
//                      family_space.json (services/demo_family_space.hpp).
//
// People with a sign-in are active, with no forced password change and no two-factor; the others
// are invited (their mail waits in the outbox), so the demo shows both. Each distinct password is
// hashed once (Argon2id is deliberately slow), on parallel threads.

#include <cstddef>
#include <filesystem>

#include "db/database.hpp"
#include "mimamori/common/result.hpp"
#include "services/invitations.hpp"
#include "services/passwords.hpp"

namespace mimamori::services {

struct DemoSummary {
    bool loaded = false; // false: the database already had accounts
    std::size_t facilities = 0;
    std::size_t sign_ins = 0;
    std::size_t invited = 0;
    std::size_t patients = 0;
    std::size_t memos = 0; // professional memos of DIR/memos.json (services/demo_memos.hpp)
};

// An InvalidInput naming the file and the entry when the files are wrong (nothing is stored then).
Result<DemoSummary> load_demo_data(db::Database& database, const std::filesystem::path& dir,
                                   const PasswordHasher& hasher, const Inviter& inviter);

} // namespace mimamori::services
