#pragma once
// Invitations: one-time, expiring links with which an invited person sets a password. The token is
// 32 random bytes (base64url, 43 characters) and appears only in the mail; the database keeps its
// SHA-256. A new link for the same account (再依頼) voids the earlier ones; using a link, 所属解除
// and the account leaving void it too. An unknown, expired or used token all answer the same:
// Gone, so a link reveals nothing about why it no longer works.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "mimamori/common/result.hpp"
#include "services/outbox.hpp"

namespace mimamori::services {

// How links are made: the address people open ({public_url}/#/invite/{token}) and how long a link
// works. The public URL defaults to the server's own address, which is known only once it listens,
// so it can be set after the routes exist.
class InvitationSettings {
public:
    explicit InvitationSettings(std::string public_url = {}, std::chrono::seconds valid_for = std::chrono::hours(24 * 7))
        : m_valid_for(valid_for) {
        set_public_url(std::move(public_url));
    }
    std::string public_url() const;
    void set_public_url(std::string url); // a trailing '/' is dropped
    std::chrono::seconds valid_for() const { return m_valid_for; }

private:
    mutable std::mutex m_mutex;
    std::string m_public_url;
    std::chrono::seconds m_valid_for;
};

// Who is invited, and to what.
struct Invitee {
    std::int64_t account_id = 0;
    std::string name;
    std::string login;
    std::string email;
    std::optional<std::int64_t> facility_id;
    std::string facility_name;
};

// "representative" (代表スタッフ, by the secretariat), "staff" (スタッフ登録, by a manager or the
// secretariat) or "family" (a patient/family account, by the secretariat; issue 4): the words of
// the mail and of the invitation page differ.
enum class InvitationPurpose { Representative, Staff, Family };
std::string_view to_string(InvitationPurpose purpose);

// The invitation mail (Japanese), and the copy kept after delivery without the link.
OutgoingMail invitation_mail(const Invitee& invitee, InvitationPurpose purpose, const std::string& link,
                             std::int64_t expires_at);

// What sending an invitation needs besides the invitee: how links are made, where mail goes, and
// who sends it (the signed-in account; none for demo data).
struct Inviter {
    const InvitationSettings& settings;
    const Outbox& outbox;
    std::optional<std::int64_t> account_id;
};

// Makes a new link for the invitee (voiding the older ones) and queues its mail in the request's
// transaction. Returns the link's expiry (Unix seconds).
std::int64_t send_invitation(db::Tx& tx, const Inviter& inviter, const Invitee& invitee, InvitationPurpose purpose);

// A new link without mail (voiding the older ones), valid for `valid_for`: handed over in person
// as a QR code, or in exchange for a handover code (issue 4).
struct InvitationLink {
    std::string token;
    std::string url; // {public_url}/#/invite/{token}
    std::int64_t expires_at = 0;
};
InvitationLink issue_invitation_link(db::Tx& tx, const Inviter& inviter, const Invitee& invitee,
                                     InvitationPurpose purpose, std::chrono::seconds valid_for);

// What the invitation page shows before the password is chosen.
struct InvitationView {
    std::int64_t account_id = 0;
    std::string name;
    std::string login;
    std::string facility_name;
    std::string purpose;
    std::int64_t expires_at = 0;
};
Result<InvitationView> view_invitation(db::Tx& tx, std::string_view token);

// Sets the password (password::check first: an InvalidInput naming "password"), activates the
// account and uses up the link. `hash_password` makes the stored Argon2id hash. Returns the
// account id, for the caller to sign it in.
Result<std::int64_t> accept_invitation(db::Tx& tx, std::string_view token, std::string_view password,
                                       const std::function<std::string(std::string_view)>& hash_password);

} // namespace mimamori::services
