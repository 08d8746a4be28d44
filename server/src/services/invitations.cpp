#include "services/invitations.hpp"

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/password_policy.hpp"
#include "repositories/invitation_repository.hpp"
#include "repositories/staff_repository.hpp"

namespace mimamori::services {
namespace {

constexpr std::size_t k_token_bytes = 32;
constexpr std::size_t k_token_chars = 43; // unpadded base64url of 32 bytes

Error gone() {
    return Error::make(ErrorCode::Gone, "this invitation link is no longer valid: it has expired, has been used, or a "
                                        "newer link was sent. Ask for a new one.");
}

// The stored form of a token; std::nullopt for text that no token of ours can be.
std::optional<std::string> token_hash(std::string_view token) {
    if (token.size() != k_token_chars || !encoding::base64url_decode(token)) return std::nullopt;
    return encoding::hex_encode(crypto::sha256(as_bytes(token)));
}

// "2026-12-03 09:30" in Japan.
std::string japan_minutes(std::int64_t t) {
    std::string iso = japan_iso8601(t); // 2026-12-03T09:30:00+09:00
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

} // namespace

std::string InvitationSettings::public_url() const {
    std::lock_guard lock(m_mutex);
    return m_public_url;
}

void InvitationSettings::set_public_url(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    std::lock_guard lock(m_mutex);
    m_public_url = std::move(url);
}

std::string_view to_string(InvitationPurpose purpose) {
    switch (purpose) {
    case InvitationPurpose::Representative: return "representative";
    case InvitationPurpose::Staff: return "staff";
    case InvitationPurpose::Family: return "family";
    }
    return "staff";
}

namespace {

// A patient or family member: plain words, no facility, and who to ask is the care team.
OutgoingMail family_mail(const Invitee& who, const std::string& link, std::int64_t expires_at) {
    OutgoingMail mail;
    mail.to = who.email;
    mail.subject = "【みまもり】ご家族用アカウントのご案内";
    const std::string head = who.name + " 様\n\n在宅療養を支えるケアチームとの連絡帳「みまもり」に、ご家族用のアカウントが"
                             "用意されました。\n次のリンクを開き、パスワードを設定してください。\n\n";
    const std::string tail = "\n\nログインID: " + who.login + "\nリンクの有効期限: " + japan_minutes(expires_at) +
                             "（日本時間）\n\nこのリンクは一度だけ使えます。期限が過ぎたときは、訪問看護師などケアチームの方に"
                             "お知らせください。\n心当たりのない場合は、このメールを破棄してください。\n\n"
                             "-- \nみまもり（このメールは送信専用です）\n";
    mail.body = head + link + tail;
    mail.delivered_body = head + "（招待リンクは送信済みのため、この控えには残していません）" + tail;
    return mail;
}

} // namespace

OutgoingMail invitation_mail(const Invitee& who, InvitationPurpose purpose, const std::string& link,
                             std::int64_t expires_at) {
    if (purpose == InvitationPurpose::Family) return family_mail(who, link, expires_at);
    const bool representative = purpose == InvitationPurpose::Representative;
    const std::string role = representative ? "代表スタッフ" : "スタッフ";
    const std::string where = who.facility_name.empty() ? "事務局" : who.facility_name;
    const std::string ask = representative ? "事務局" : "事業所の管理者（代表スタッフ）";
    OutgoingMail mail;
    mail.to = who.email;
    mail.subject = "【みまもり】" + where + "の" + role + "登録のご案内";
    const std::string head = who.name + " 様\n\n在宅医療・介護の連携ネットワーク「みまもり」に、" + where + "の" + role +
                             "として登録されました。\n次のリンクを開き、パスワードを設定してください。\n\n";
    const std::string tail = "\n\nログインID: " + who.login + "\nリンクの有効期限: " + japan_minutes(expires_at) +
                             "（日本時間）\n\nこのリンクは一度だけ使えます。期限が過ぎたときは、" + ask +
                             "に再送を依頼してください。\n心当たりのない場合は、このメールを破棄してください。\n\n"
                             "-- \nみまもり（このメールは送信専用です）\n";
    mail.body = head + link + tail;
    mail.delivered_body = head + "（招待リンクは送信済みのため、この控えには残していません）" + tail;
    return mail;
}

InvitationLink issue_invitation_link(db::Tx& tx, const Inviter& inviter, const Invitee& invitee,
                                     InvitationPurpose purpose, std::chrono::seconds valid_for) {
    InvitationLink link;
    link.token = encoding::base64url_encode(crypto::random_bytes(k_token_bytes));
    repositories::NewInvitation row;
    row.token_hash_hex = *token_hash(link.token);
    row.account_id = invitee.account_id;
    row.facility_id = invitee.facility_id;
    row.purpose = std::string(to_string(purpose));
    row.created_by = inviter.account_id;
    row.valid_seconds = valid_for.count();
    link.expires_at = repositories::replace_invitation(tx, row);
    link.url = inviter.settings.public_url() + "/#/invite/" + link.token;
    return link;
}

std::int64_t send_invitation(db::Tx& tx, const Inviter& inviter, const Invitee& invitee, InvitationPurpose purpose) {
    auto link = issue_invitation_link(tx, inviter, invitee, purpose, inviter.settings.valid_for());
    inviter.outbox.queue(tx, invitation_mail(invitee, purpose, link.url, link.expires_at));
    return link.expires_at;
}

Result<InvitationView> view_invitation(db::Tx& tx, std::string_view token) {
    auto hash = token_hash(token);
    if (!hash) return gone();
    auto found = repositories::find_invitation(tx, *hash, false);
    if (!found || !found->usable) return gone();
    return InvitationView{found->account_id, found->name, found->login, found->facility_name, found->purpose, found->expires_at};
}

Result<std::int64_t> accept_invitation(db::Tx& tx, std::string_view token, std::string_view password,
                                       const std::function<std::string(std::string_view)>& hash_password) {
    auto hash = token_hash(token);
    if (!hash) return gone();
    auto found = repositories::find_invitation(tx, *hash, true);
    if (!found || !found->usable) return gone();
    // Without two-factor yet: the guideline's rule for password-only sign-in (13+ mixed).
    if (auto ok = password::check("password", password, {found->login, false}); !ok) return ok.error();
    if (!repositories::activate_invited_account(tx, found->account_id, hash_password(password))) return gone();
    repositories::mark_invitation_used(tx, *hash);
    repositories::revoke_invitations(tx, found->account_id);
    return found->account_id;
}

} // namespace mimamori::services
