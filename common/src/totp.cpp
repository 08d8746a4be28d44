#include "mimamori/common/totp.hpp"

#include <array>
#include <cassert>

#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/sha1.hpp"
#include "mimamori/common/text.hpp"

namespace mimamori::totp {
namespace {

// The typed code reduced to ASCII digits, or nullopt when it is not `digits` digits.
std::optional<std::string> normalise_code(std::string_view typed, int digits) {
    std::string out;
    for (const char c : text::fold_fullwidth_ascii(typed)) {
        if (c == ' ' || c == '-') continue;
        if (c < '0' || c > '9') return std::nullopt;
        out += c;
    }
    if (out.size() != static_cast<std::size_t>(digits)) return std::nullopt;
    return out;
}

} // namespace

Bytes generate_secret() { return crypto::random_bytes(secret_bytes); }

std::string hotp(ByteView secret, std::uint64_t counter, int digits) {
    assert(digits >= 6 && digits <= 8);
    std::array<std::uint8_t, 8> message{};
    for (std::size_t i = 0; i < 8; ++i) message[7 - i] = static_cast<std::uint8_t>(counter >> (8 * i));
    const crypto::Sha1Digest mac = crypto::hmac_sha1(secret, message);

    // Dynamic truncation: the low 4 bits of the last byte pick 4 bytes; drop their top bit.
    const std::size_t offset = mac[19] & 0x0Fu;
    const std::uint32_t binary = (std::uint32_t{mac[offset]} & 0x7Fu) << 24 | std::uint32_t{mac[offset + 1]} << 16 |
                                 std::uint32_t{mac[offset + 2]} << 8 | std::uint32_t{mac[offset + 3]};
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    std::uint32_t value = binary % modulus;

    std::string code(static_cast<std::size_t>(digits), '0');
    for (std::size_t i = code.size(); i-- > 0; value /= 10) code[i] = static_cast<char>('0' + value % 10);
    return code;
}

std::uint64_t time_step(std::int64_t unix_seconds) {
    assert(unix_seconds >= 0);
    return static_cast<std::uint64_t>(unix_seconds / step_seconds);
}

std::string totp(ByteView secret, std::int64_t unix_seconds, int digits) {
    return hotp(secret, time_step(unix_seconds), digits);
}

Result<std::uint64_t> verify(ByteView secret, std::string_view typed_code, std::int64_t unix_seconds,
                             std::optional<std::uint64_t> last_used_step) {
    const std::optional<std::string> code = normalise_code(typed_code, code_digits);
    if (!code)
        return Error::invalid("totp", "Enter the " + std::to_string(code_digits) +
                                          "-digit code your authenticator app shows");

    // Every step of the window is computed and compared, matched or not, so the time taken does
    // not tell which step (if any) was right.
    const std::uint64_t now = time_step(unix_seconds);
    std::optional<std::uint64_t> accepted;
    bool replayed = false;
    for (std::uint64_t step = now == 0 ? 0 : now - 1; step <= now + 1; ++step) {
        const std::string expected = hotp(secret, step, code_digits);
        const bool match = crypto::constant_time_equal(as_bytes(expected), as_bytes(*code));
        const bool fresh = !last_used_step || step > *last_used_step;
        if (match && fresh && !accepted) accepted = step;
        if (match && !fresh) replayed = true;
    }
    if (accepted) return *accepted;
    if (replayed)
        return Error{ErrorCode::Conflict, "This code has already been used: wait for the next code", "totp"};
    return Error{ErrorCode::Unauthenticated, "The code is wrong or has expired", "totp"};
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, ByteView secret) {
    const std::string enc_issuer = encoding::percent_encode(issuer);
    return "otpauth://totp/" + enc_issuer + ":" + encoding::percent_encode(account) +
           "?secret=" + encoding::base32_encode(secret) + "&issuer=" + enc_issuer +
           "&algorithm=SHA1&digits=" + std::to_string(code_digits) + "&period=" + std::to_string(step_seconds);
}

} // namespace mimamori::totp
