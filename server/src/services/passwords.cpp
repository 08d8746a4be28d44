#include "services/passwords.hpp"

#include <stdexcept>

#include <sodium.h>

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/crypto.hpp"

namespace mimamori::services {

PasswordHasher::PasswordHasher(std::string_view limits) {
    if (limits == "minimum") {
        m_ops = crypto_pwhash_OPSLIMIT_MIN;
        m_memory = crypto_pwhash_MEMLIMIT_MIN;
    } else if (limits == "moderate") {
        m_ops = crypto_pwhash_OPSLIMIT_MODERATE;
        m_memory = crypto_pwhash_MEMLIMIT_MODERATE;
    } else {
        m_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        m_memory = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    }
    m_dummy = hash(encoding::base64url_encode(crypto::random_bytes(24)));
}

std::string PasswordHasher::hash(std::string_view password) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), m_ops, m_memory) != 0)
        throw std::runtime_error("crypto_pwhash_str ran out of memory");
    return out;
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) const {
    std::string terminated(hash); // crypto_pwhash_str_verify reads a C string
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_dummy(std::string_view password) const { (void)verify(m_dummy, password); }

bool PasswordHasher::needs_rehash(std::string_view hash) const {
    std::string terminated(hash);
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), m_ops, m_memory) != 0;
}

} // namespace mimamori::services
