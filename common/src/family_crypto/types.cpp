#include "mimamori/common/family_crypto/types.hpp"

#include <array>

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/family_crypto/secret.hpp"

namespace mimamori::family_crypto {

void wipe(std::span<std::uint8_t> bytes) {
    if (!bytes.empty()) sodium_memzero(bytes.data(), bytes.size());
}

void wipe(std::string& text) {
    if (!text.empty()) sodium_memzero(text.data(), text.size());
}

void fill_random(std::span<std::uint8_t> out) { crypto::random_bytes(out); }

Error wrong_length(std::string_view field, std::size_t expected, std::size_t actual) {
    return Error::invalid(std::string(field), std::string(field) + " must be " + std::to_string(expected) +
                                                  " bytes long, not " + std::to_string(actual));
}

bool is_valid_client_id(std::string_view id) {
    if (id.empty() || id.size() > max_client_id_length) return false;
    for (const char c : id) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

Status check_client_id(std::string_view id, std::string_view field) {
    if (is_valid_client_id(id)) return {};
    return Error::invalid(std::string(field), std::string(field) + " must be 1 to " + std::to_string(max_client_id_length) +
                                                  " of the characters A-Z a-z 0-9 - _");
}

std::string new_client_id() {
    std::array<std::uint8_t, 16> bytes{};
    crypto::random_bytes(bytes);
    return encoding::base64url_encode(bytes);
}

Status check_account_id(AccountId id, std::string_view field) {
    if (id > 0) return {};
    return Error::invalid(std::string(field), std::string(field) + " must be a positive account id");
}

Status check_space_id(SpaceId id, std::string_view field) {
    if (id > 0) return {};
    return Error::invalid(std::string(field), std::string(field) + " must be a positive family space id");
}

Status check_epoch(Epoch epoch, std::string_view field) {
    if (epoch > 0) return {};
    return Error::invalid(std::string(field), std::string(field) + " must be an epoch number from 1");
}

} // namespace mimamori::family_crypto
