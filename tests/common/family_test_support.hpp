#pragma once
// Fixed members, keys and helpers shared by the family_crypto tests. Keys derive from fixed seeds
// so that every run, native or under Node.js, sees the same public keys (and the test vectors in
// data/family_vectors.json can pin them).

#include <array>
#include <cstdint>
#include <string>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/family_crypto/epoch_keys.hpp"
#include "mimamori/common/family_crypto/member_keys.hpp"

namespace family_test {

namespace fc = mimamori::family_crypto;

inline constexpr fc::SpaceId space = 7;
inline constexpr fc::AccountId nurse_id = 41;    // a visiting nurse of the patient's team
inline constexpr fc::AccountId family_id = 42;   // the patient's son
inline constexpr fc::AccountId daughter_id = 43; // removed from the space in some tests

// A member whose seed is 32 bytes of `fill`.
inline fc::MemberIdentity member(fc::AccountId id, std::uint8_t fill) {
    std::array<std::uint8_t, 32> seed{};
    seed.fill(fill);
    return fc::MemberIdentity{id, fc::member_keys_from_seed(fc::MemberSeed::from_bytes(seed).value())};
}
inline fc::MemberIdentity nurse() { return member(nurse_id, 0x41); }
inline fc::MemberIdentity family() { return member(family_id, 0x42); }
inline fc::MemberIdentity daughter() { return member(daughter_id, 0x43); }

// An epoch key whose 32 bytes are `fill`.
inline fc::EpochKey epoch_key(fc::SpaceId space_id, fc::Epoch epoch, std::uint8_t fill) {
    std::array<std::uint8_t, 32> secret{};
    secret.fill(fill);
    return fc::EpochKey{space_id, epoch, fc::EpochSecret::from_bytes(secret).value()};
}

inline fc::MemberDirectory directory_of(std::initializer_list<fc::Member> members) {
    fc::MemberDirectory d;
    for (const auto& m : members) (void)d.add(m);
    return d;
}

inline fc::Nonce nonce_of(std::uint8_t fill) {
    fc::Nonce n{};
    n.fill(fill);
    return n;
}

inline mimamori::Bytes bytes_of(std::string_view text) {
    const auto view = mimamori::as_bytes(text);
    return mimamori::Bytes(view.begin(), view.end());
}

// `length` bytes of a repeating, position-dependent pattern (so that moved bytes show).
inline mimamori::Bytes pattern(std::size_t length) {
    mimamori::Bytes out(length);
    for (std::size_t i = 0; i < length; ++i) out[i] = static_cast<std::uint8_t>((i * 131 + i / 251) & 0xff);
    return out;
}

} // namespace family_test
