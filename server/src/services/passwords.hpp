#pragma once
// Password hashes: Argon2id through crypto_pwhash_str (the PHC string keeps its own limits, so
// hashes made with other limits still verify, and needs_rehash() tells when to renew one).

#include <string>
#include <string_view>

#include "mimamori/common/result.hpp"

namespace mimamori::services {

class PasswordHasher {
public:
    // "interactive" (libsodium's interactive limits: the production default), "moderate", or
    // "minimum" (for tests: fast, and worthless against an offline attack).
    explicit PasswordHasher(std::string_view limits = "interactive");

    // The PHC string of a new hash. Throws std::runtime_error when memory runs out.
    std::string hash(std::string_view password) const;
    bool verify(std::string_view hash, std::string_view password) const;
    // Verifies against a hash of a random password made at construction, so that a sign-in with
    // an unknown login id takes as long as one with a known id.
    void verify_dummy(std::string_view password) const;
    // True when `hash` was made with other limits than these (renewed at the next sign-in).
    bool needs_rehash(std::string_view hash) const;

private:
    unsigned long long m_ops;
    std::size_t m_memory;
    std::string m_dummy;
};

} // namespace mimamori::services
