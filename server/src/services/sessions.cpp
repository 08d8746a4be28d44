#include "services/sessions.hpp"

#include <algorithm>

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "repositories/session_repository.hpp"
#include "services/read_cache.hpp"

namespace mimamori::services {
namespace {

constexpr std::size_t k_token_bytes = 32;

// The hex SHA-256 of the token a cookie value encodes, or "" when it encodes no token.
std::string token_hash_hex(std::string_view cookie_value) {
    std::array<std::uint8_t, k_token_bytes> token{};
    if (cookie_value.size() != 43 || !encoding::base64url_decode_exact(cookie_value, token, "cookie")) return "";
    return encoding::hex_encode(crypto::sha256(token));
}

} // namespace

perm::Principal make_principal(const AccountSummary& account, const std::vector<Membership>& affiliations) {
    perm::Principal p;
    p.account_id = account.id;
    p.family = account.kind == "family";
    if (account.secretariat_role) p.secretariat = perm::role_from_string(*account.secretariat_role);
    if (account.profession) p.profession = profession_from_code(*account.profession);
    p.family_patient_id = account.family_patient_id;
    for (const auto& m : affiliations) p.affiliations.push_back({m.facility_id, m.manager});
    return p;
}

NewSession Sessions::create(db::Tx& tx, std::int64_t account_id, bool kiosk, const std::string& client_address,
                            const std::string& user_agent) const {
    auto token = crypto::random_bytes(k_token_bytes);
    NewSession s{encoding::base64url_encode(token), encoding::base64url_encode(crypto::random_bytes(32))};
    repositories::insert_session(tx, {encoding::hex_encode(crypto::sha256(token)), account_id, s.csrf_token, kiosk,
                                      m_policy.lifetime.count(), client_address, user_agent});
    return s;
}

Sessions::Loaded Sessions::signed_in_from(db::Tx& tx, const std::string& hash_hex) const {
    Loaded out;
    if (hash_hex.empty()) return out;
    auto row = repositories::find_session(tx, hash_hex, m_policy.idle_timeout.count(),
                                          m_policy.kiosk_idle_timeout.count(), m_policy.touch_after.count());
    if (!row) return out;
    out.expired = row->expired;
    out.stale = row->stale;
    SignedIn s;
    s.account = std::move(row->account);
    s.affiliations = std::move(row->affiliations);
    const auto idle = row->kiosk ? m_policy.kiosk_idle_timeout : m_policy.idle_timeout;
    s.session = SessionInfo{*encoding::hex_decode(hash_hex), std::move(row->csrf_token), row->kiosk, idle};
    s.principal = make_principal(s.account, s.affiliations);
    out.signed_in = std::move(s);
    // A stale session is touched now: its idle time and its next touch count from now.
    const double seen = out.stale ? 0.0 : row->seconds_since_seen;
    const double life = std::min({row->seconds_to_expiry, static_cast<double>(idle.count()) - seen,
                                  static_cast<double>(m_policy.touch_after.count()) - seen});
    out.cacheable = std::chrono::duration<double>(std::max(0.0, life));
    return out;
}

Sessions::Found Sessions::authenticate(db::Database& database, std::string_view cookie_value, ReadCache& cache,
                                       std::chrono::steady_clock::time_point since) const {
    const std::string hash_hex = token_hash_hex(cookie_value);
    if (hash_hex.empty()) return {State::Missing, nullptr};
    if (cache.sync(since))
        if (auto cached = cache.session(hash_hex)) return {State::Valid, std::move(cached)};
    const auto ticket = cache.session_ticket();
    const auto now = std::chrono::steady_clock::now();
    return database.autocommit([&](db::Tx& tx) -> Found {
        auto loaded = signed_in_from(tx, hash_hex);
        if (!loaded.signed_in) return {State::Missing, nullptr};
        if (loaded.expired) {
            repositories::delete_session(tx, hash_hex);
            return {State::Expired, nullptr};
        }
        if (loaded.stale) repositories::touch_session(tx, hash_hex);
        auto who = std::make_shared<const SignedIn>(std::move(*loaded.signed_in));
        if (loaded.cacheable.count() > 0)
            cache.store_session(ticket, hash_hex, who,
                                now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(loaded.cacheable));
        return {State::Valid, std::move(who)};
    });
}

std::optional<SignedIn> Sessions::load(db::Tx& tx, std::string_view cookie_value) const {
    auto loaded = signed_in_from(tx, token_hash_hex(cookie_value));
    if (!loaded.signed_in || loaded.expired) return std::nullopt;
    return std::move(loaded.signed_in);
}

void Sessions::end(db::Tx& tx, const SessionInfo& session) const {
    repositories::delete_session(tx, encoding::hex_encode(session.token_hash));
}

void Sessions::end_all(db::Tx& tx, std::int64_t account_id, const SessionInfo* keep) const {
    repositories::delete_account_sessions(tx, account_id, keep ? encoding::hex_encode(keep->token_hash) : "");
}

std::string Sessions::cookie_header(const NewSession& session) {
    return std::string(cookie_name) + "=" + session.cookie_value + "; Path=/; HttpOnly; Secure; SameSite=Strict";
}

std::string Sessions::clearing_cookie_header() {
    return std::string(cookie_name) + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict";
}

} // namespace mimamori::services
