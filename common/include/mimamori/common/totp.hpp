#pragma once
// One-time passwords for two-factor sign-in: HOTP (RFC 4226) and TOTP (RFC 6238) with the
// parameters every authenticator app supports: HMAC-SHA-1, 6 digits, a 30-second step, T0 = 0.
// Enrolment: generate_secret(), store it (encrypted) with the account, show otpauth_uri() as a QR
// code (qr.hpp); sign-in: verify() the typed code and store the step it returns, passing it back
// as `last_used_step` next time so that one code cannot be used twice.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::totp {

inline constexpr int code_digits = 6;
inline constexpr std::int64_t step_seconds = 30;
inline constexpr std::size_t secret_bytes = 20; // 160 bits, RFC 4226 §4 R6's recommendation

// A new random shared secret of secret_bytes bytes.
Bytes generate_secret();

// The HOTP value for `counter` (RFC 4226 §5.3: dynamic truncation of HMAC-SHA-1, modulo
// 10^digits), zero-padded to `digits` characters. `digits` is 6, 7 or 8.
std::string hotp(ByteView secret, std::uint64_t counter, int digits = code_digits);

// The RFC 6238 time step of a moment: floor(unix_seconds / 30). `unix_seconds` >= 0.
std::uint64_t time_step(std::int64_t unix_seconds);

// The TOTP code at a moment: hotp(secret, time_step(unix_seconds), digits).
std::string totp(ByteView secret, std::int64_t unix_seconds, int digits = code_digits);

// Checks a code a person typed (spaces, hyphens and full-width digits are accepted: "123 456",
// "１２３４５６") against the steps before, at and after `unix_seconds` (RFC 6238 §5.2: one step
// of clock drift or typing delay each way), comparing in constant time. Returns the matched step.
// Errors, all naming the field "totp":
//   InvalidInput     the text is not 6 digits;
//   Unauthenticated  no step in the window matches;
//   Conflict         it matches only a step <= last_used_step: the code was already used (or an
//                    older one is replayed), the person should wait for the next code.
Result<std::uint64_t> verify(ByteView secret, std::string_view typed_code, std::int64_t unix_seconds,
                             std::optional<std::uint64_t> last_used_step = std::nullopt);

// The enrolment URI authenticator apps read from a QR code (Google Authenticator's Key URI
// format): otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
// Issuer and account are percent-encoded as UTF-8 (a ':' inside either is encoded too, so the
// label's separator stays unambiguous); the secret is base32 without padding.
std::string otpauth_uri(std::string_view issuer, std::string_view account, ByteView secret);

} // namespace mimamori::totp
