#include "mimamori/common/base64url.hpp"

#include <algorithm>
#include <string>

#include <sodium.h>

namespace mimamori::encoding {
namespace {

constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

Error malformed(std::string_view field, int codec) {
    return Error::invalid(std::string(field), std::string(field) + (codec == variant ? " is not valid unpadded base64url"
                                                                                      : " is not valid padded base64"));
}

std::string encode(ByteView data, int codec) {
    if (data.empty()) return {};
    // sodium_base64_encoded_len() counts the terminating NUL that sodium_bin2base64() writes.
    std::string out(sodium_base64_encoded_len(data.size(), codec), '\0');
    sodium_bin2base64(out.data(), out.size(), data.data(), data.size(), codec);
    out.pop_back();
    return out;
}

Result<Bytes> decode(std::string_view text, std::string_view field, int codec) {
    if (text.empty()) return Bytes{};
    Bytes out(text.size() * 3 / 4 + 1);
    std::size_t length = 0;
    const char* end = nullptr;
    // libsodium refuses padding for the unpadded variant and demands exact padding for the padded
    // one, refuses characters outside the alphabet (no `ignore` set) and non-zero trailing bits;
    // `end` shows whether it read the whole text.
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end, codec) != 0 ||
        end != text.data() + text.size())
        return malformed(field, codec);
    out.resize(length);
    return out;
}

} // namespace

std::string base64url_encode(ByteView data) { return encode(data, variant); }

Result<Bytes> base64url_decode(std::string_view text, std::string_view field) { return decode(text, field, variant); }

std::string base64_encode(ByteView data) { return encode(data, sodium_base64_VARIANT_ORIGINAL); }

Result<Bytes> base64_decode(std::string_view text, std::string_view field) {
    return decode(text, field, sodium_base64_VARIANT_ORIGINAL);
}

Status base64url_decode_exact(std::string_view text, std::span<std::uint8_t> out, std::string_view field) {
    auto decoded = base64url_decode(text, field);
    if (!decoded) return decoded.error();
    // The decoded bytes may be a secret (a key in a test vector, a file key): wipe the copy.
    const auto wipe = [&decoded] {
        if (!decoded->empty()) sodium_memzero(decoded->data(), decoded->size());
    };
    if (decoded->size() != out.size()) {
        wipe();
        return Error::invalid(std::string(field), std::string(field) + " must hold " + std::to_string(out.size()) +
                                                      " bytes, not " + std::to_string(decoded->size()));
    }
    std::copy(decoded->begin(), decoded->end(), out.begin());
    wipe();
    return {};
}

} // namespace mimamori::encoding
