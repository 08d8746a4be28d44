#include "services/two_factor.hpp"

#include <ctime>

#include "mimamori/common/encoding.hpp"
#include "mimamori/common/qr.hpp"
#include "mimamori/common/recovery_codes.hpp"
#include "mimamori/common/totp.hpp"
#include "repositories/account_repository.hpp"

namespace mimamori::services {
namespace {

constexpr std::string_view k_totp_purpose = "totp-secret";
constexpr std::string_view k_recovery_purpose = "recovery-code";
constexpr std::string_view k_issuer = "Mimamori";

std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

} // namespace

Result<std::int64_t> check_totp(const SecretKey& key, ByteView sealed_secret, std::string_view typed,
                                std::optional<std::int64_t> last_step, std::string_view field) {
    auto secret = key.open(k_totp_purpose, sealed_secret);
    if (!secret) throw std::runtime_error("a two-factor secret cannot be opened: is this the installation's secret key?");
    std::optional<std::uint64_t> last;
    if (last_step && *last_step >= 0) last = static_cast<std::uint64_t>(*last_step);
    auto step = totp::verify(*secret, typed, now_seconds(), last);
    if (step) return static_cast<std::int64_t>(*step);
    if (step.error().code == ErrorCode::Conflict)
        return Error{ErrorCode::Unauthenticated, "this code was already used: wait for the next one", std::string(field)};
    return Error{ErrorCode::Unauthenticated, "the one-time code is wrong", std::string(field)};
}

Bytes recovery_code_hash(const SecretKey& key, std::int64_t account_id, std::string_view canonical_code) {
    auto mac = key.mac(k_recovery_purpose, as_bytes(std::to_string(account_id) + ":" + std::string(canonical_code)));
    return Bytes(mac.begin(), mac.end());
}

Result<Enrolment> start_two_factor(db::Tx& tx, const SecretKey& key, const AccountSummary& account) {
    if (account.two_factor_enabled)
        return Error::make(ErrorCode::Conflict, "two-factor sign-in is already on; turn it off first to change the device");
    Bytes secret = totp::generate_secret();
    repositories::set_pending_totp(tx, account.id, key.seal(k_totp_purpose, secret));
    Enrolment e;
    e.secret_base32 = encoding::base32_encode(secret);
    e.otpauth_uri = totp::otpauth_uri(k_issuer, account.login, secret);
    auto qr = qr::encode_text(e.otpauth_uri);
    if (!qr) return qr.error();
    e.qr_svg = qr::to_svg(*qr);
    return e;
}

Result<std::vector<std::string>> confirm_two_factor(db::Tx& tx, const SecretKey& key, std::int64_t account_id,
                                                    std::string_view code) {
    auto creds = repositories::find_credentials(tx, account_id);
    if (!creds || !creds->totp_pending_secret)
        return Error::make(ErrorCode::Conflict, "start the enrolment first (POST /api/v1/me/two-factor)");
    auto step = check_totp(key, *creds->totp_pending_secret, code, std::nullopt, "code");
    if (!step) return Error::invalid("code", "the code does not match: check the device's clock and try the next code");
    std::vector<std::string> codes = recovery::generate();
    std::vector<Bytes> hashes;
    for (const auto& shown : codes) hashes.push_back(recovery_code_hash(key, account_id, *recovery::normalise(shown)));
    repositories::enable_totp(tx, account_id, *creds->totp_pending_secret, *step, hashes);
    return codes;
}

Status disable_two_factor(db::Tx& tx, const SecretKey& key, const SignedIn& who, std::string_view code) {
    if (who.two_factor_required())
        return Error::make(ErrorCode::Conflict, "a facility of yours requires two-factor sign-in; it cannot be turned off");
    auto creds = repositories::find_credentials(tx, who.account.id);
    if (!creds || !creds->totp_secret) return Error::make(ErrorCode::Conflict, "two-factor sign-in is not on");
    auto step = check_totp(key, *creds->totp_secret, code, creds->totp_last_step, "code");
    if (!step) return step.error();
    repositories::disable_totp(tx, who.account.id);
    return {};
}

} // namespace mimamori::services
