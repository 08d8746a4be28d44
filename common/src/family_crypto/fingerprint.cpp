#include "mimamori/common/family_crypto/fingerprint.hpp"

#include "canonical.hpp"
#include "json_fields.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/text.hpp"

namespace mimamori::family_crypto {
namespace {

constexpr std::string_view fingerprint_tag = "mimamori.family.fingerprint.v1";
constexpr std::string_view verified_tag = "mimamori.family.verified.v1";
constexpr std::string_view qr_prefix = "mimamori-fp:v1:";

Bytes verified_message(const VerifiedFingerprint& r) {
    Bytes m;
    detail::CanonicalWriter(m)
        .text(verified_tag)
        .i64(r.verifier_account_id)
        .i64(r.subject_account_id)
        .bytes(r.fingerprint)
        .i64(r.verified_at_ms);
    return m;
}

Error bad_qr() { return Error::invalid("fingerprint_qr", "this QR code is not a Mimamori key code"); }

} // namespace

Fingerprint fingerprint(const Member& member) {
    Bytes input;
    detail::CanonicalWriter(input)
        .text(fingerprint_tag)
        .i64(member.account_id)
        .bytes(member.keys.box.bytes)
        .bytes(member.keys.sign.bytes);
    crypto::Sha512Digest h = crypto::sha512(input);
    for (int i = 1; i < fingerprint_iterations; ++i) {
        crypto_hash_sha512_state state;
        crypto_hash_sha512_init(&state);
        crypto_hash_sha512_update(&state, h.data(), h.size());
        crypto_hash_sha512_update(&state, input.data(), input.size());
        crypto_hash_sha512_final(&state, h.data());
    }
    Fingerprint fp{};
    std::copy_n(h.begin(), fp.size(), fp.begin());
    return fp;
}

std::string safety_code(const Fingerprint& fp) {
    std::string out;
    for (std::size_t g = 0; g < safety_code_groups; ++g) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < 5; ++i) v = (v << 8) | fp[5 * g + i];
        std::string digits = std::to_string(v % 100000);
        if (g > 0) out += ' ';
        out.append(safety_code_group_digits - digits.size(), '0');
        out += digits;
    }
    return out;
}

bool safety_code_matches(std::string_view typed, const Fingerprint& fp) {
    const std::string folded = text::fold_fullwidth_ascii(typed);
    std::string digits;
    for (const char c : folded) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c != ' ' && c != '-') return false;
    }
    std::string expected = safety_code(fp);
    std::erase(expected, ' ');
    return crypto::constant_time_equal(as_bytes(digits), as_bytes(expected));
}

bool same_fingerprint(const Fingerprint& a, const Fingerprint& b) { return crypto::constant_time_equal(a, b); }

std::string fingerprint_qr_payload(const Member& member) {
    return std::string(qr_prefix) + std::to_string(member.account_id) + ":" + detail::b64(fingerprint(member));
}

Result<ScannedFingerprint> parse_fingerprint_qr_payload(std::string_view text) {
    if (!text.starts_with(qr_prefix)) return bad_qr();
    text.remove_prefix(qr_prefix.size());
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 18) return bad_qr();
    ScannedFingerprint out;
    for (const char c : text.substr(0, colon)) {
        if (c < '0' || c > '9') return bad_qr();
        out.account_id = out.account_id * 10 + (c - '0');
    }
    if (text[0] == '0' || out.account_id <= 0) return bad_qr(); // canonical decimal, positive
    if (!encoding::base64url_decode_exact(text.substr(colon + 1), out.fingerprint, "fingerprint_qr")) return bad_qr();
    return out;
}

bool scanned_matches(const ScannedFingerprint& scanned, const Member& member) {
    return scanned.account_id == member.account_id && same_fingerprint(scanned.fingerprint, fingerprint(member));
}

VerifiedFingerprint record_verification(const MemberIdentity& verifier, const Member& subject, std::int64_t now_ms) {
    VerifiedFingerprint r{verifier.account_id, subject.account_id, fingerprint(subject), now_ms, {}};
    const Bytes m = verified_message(r);
    crypto_sign_detached(r.signature.data(), nullptr, m.data(), m.size(), verifier.keys.sign_secret.data());
    return r;
}

std::string_view to_string(KeyVerification status) {
    switch (status) {
    case KeyVerification::Unverified: return "unverified";
    case KeyVerification::Verified: return "verified";
    case KeyVerification::KeyChanged: return "key_changed";
    case KeyVerification::RecordInvalid: return "record_invalid";
    }
    return "record_invalid";
}

KeyVerification verification_status(const std::optional<VerifiedFingerprint>& record, const Member& verifier,
                                    const Member& subject) {
    if (!record) return KeyVerification::Unverified;
    if (record->verifier_account_id != verifier.account_id || record->subject_account_id != subject.account_id)
        return KeyVerification::RecordInvalid;
    const Bytes m = verified_message(*record);
    if (crypto_sign_verify_detached(record->signature.data(), m.data(), m.size(), verifier.keys.sign.bytes.data()) != 0)
        return KeyVerification::RecordInvalid;
    return same_fingerprint(record->fingerprint, fingerprint(subject)) ? KeyVerification::Verified
                                                                      : KeyVerification::KeyChanged;
}

Json to_json(const VerifiedFingerprint& r) {
    return Json{{"version", format_version},
                {"verifier_account_id", r.verifier_account_id},
                {"subject_account_id", r.subject_account_id},
                {"fingerprint", detail::b64(r.fingerprint)},
                {"verified_at_ms", r.verified_at_ms},
                {"signature", detail::b64(r.signature)}};
}

Result<VerifiedFingerprint> verified_fingerprint_from_json(const Json& value) {
    if (auto st = detail::check_object(value, "verified_fingerprint",
                                       {"version", "verifier_account_id", "subject_account_id", "fingerprint",
                                        "verified_at_ms", "signature"});
        !st)
        return st.error();
    detail::FieldReader in(value);
    VerifiedFingerprint r{in.account_id("verifier_account_id"), in.account_id("subject_account_id"), {}, 0, {}};
    in.exact("fingerprint", r.fingerprint);
    r.verified_at_ms = in.integer("verified_at_ms");
    in.exact("signature", r.signature);
    if (!in.ok()) return in.error();
    return r;
}

} // namespace mimamori::family_crypto
