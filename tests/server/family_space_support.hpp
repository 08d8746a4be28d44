#pragma once
// What the family space tests share (issue 6): a member's browser played by common/'s
// family_crypto, exactly as the app does it -- keys made and wrapped here, epoch keys sealed and
// opened here, memos sealed and opened here -- talking to the real server over HTTP. The server
// only ever sees what this client sends.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mimamori/common/family_crypto/epoch_keys.hpp"
#include "mimamori/common/family_crypto/key_wrap.hpp"
#include "mimamori/common/family_crypto/memo.hpp"
#include "support/accounts.hpp"

namespace mimamori::test {

namespace fc = family_crypto;

// "/api/v1/patients/{patient}/family/{rest}"
std::string family_path(std::int64_t patient, const std::string& rest);

class FamilyClient {
public:
    FamilyClient(Session session, std::int64_t patient, std::string password = k_password);

    std::int64_t account_id() const { return m_identity.account_id; }
    const fc::MemberIdentity& identity() const { return m_identity; }
    Session& session() { return m_session; }

    // New keys, wrapped under the password (test KDF limits) and, when `recovery_code` is given,
    // under it too; PUT /api/v1/me/keys. The answer.
    HttpResponse set_up_keys(const std::optional<std::string>& recovery_code = std::nullopt, bool replace = false);
    // Keys unwrapped elsewhere (a demo member's).
    void use_identity(fc::MemberIdentity identity) { m_identity = std::move(identity); }
    // The keys as GET /api/v1/me/keys gives them, unwrapped with the password.
    Result<fc::MemberIdentity> unwrap_own_keys(const std::string& password) const;

    // GET .../family/members (asserting 200).
    Json members() const;
    // The members' current keys as a directory (earlier keys: `earlier` picks those instead).
    fc::MemberDirectory directory(bool earlier = false) const;
    std::vector<fc::Member> keyed_current_members() const;
    // The epoch keys sealed to this member, opened (GET .../family/keys).
    fc::EpochKeyring keyring() const;

    // A new random key for `epoch`, sealed to `recipients` (default: every current member with
    // keys) and posted; the answer.
    HttpResponse start_epoch(fc::Epoch epoch, std::optional<std::vector<fc::Member>> recipients = std::nullopt);
    // The envelope of `text` under the newest epoch held, as JSON; and its POST.
    Json seal(const std::string& text, std::int64_t time_ms = 0) const;
    HttpResponse post(const Json& envelope);
    HttpResponse post_text(const std::string& text) { return post(seal(text)); }

    // Every memo of the space, oldest first, opened: its text, or "<status>" when it fails.
    std::vector<std::string> read_texts() const;

private:
    Session m_session;
    std::int64_t m_patient;
    std::string m_password;
    fc::MemberIdentity m_identity;
};

std::int64_t now_ms();

} // namespace mimamori::test
