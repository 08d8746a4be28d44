// OpenSSL's SHA256_* functions are deprecated in 3.0 in favour of EVP, whose state cannot be
// saved; they remain, and use the same assembly (SHA-NI) as EVP. 1.1.1 API level: no warnings.
#define OPENSSL_API_COMPAT 10101
#include "files/file_hash.hpp"

#include <openssl/sha.h>

#include <cstring>

namespace mimamori::files {
namespace {

static_assert(sizeof(SHA256_CTX) == 8 * 4 + 2 * 4 + 16 * 4 + 2 * sizeof(unsigned int));
constexpr char k_tag[] = "sha256-state-v1:"; // a saved state starts with this

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint32_t get_u32(std::string_view& in) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[static_cast<std::size_t>(i)])) << (8 * i);
    in.remove_prefix(4);
    return v;
}

SHA256_CTX to_ctx(const auto& s) {
    SHA256_CTX ctx;
    std::memcpy(ctx.h, s.h, sizeof ctx.h);
    ctx.Nl = s.nl;
    ctx.Nh = s.nh;
    std::memcpy(ctx.data, s.data, sizeof ctx.data);
    ctx.num = s.num;
    ctx.md_len = s.md_len;
    return ctx;
}

void from_ctx(const SHA256_CTX& ctx, auto& s) {
    std::memcpy(s.h, ctx.h, sizeof s.h);
    s.nl = ctx.Nl;
    s.nh = ctx.Nh;
    std::memcpy(s.data, ctx.data, sizeof s.data);
    s.num = ctx.num;
    s.md_len = ctx.md_len;
}

void put_be64(unsigned char* out, std::uint64_t v) {
    for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<unsigned char>(v & 0xff);
}

} // namespace

FileHash::FileHash() {
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    from_ctx(ctx, m_state);
}

void FileHash::update(std::string_view bytes) {
    SHA256_CTX ctx = to_ctx(m_state);
    SHA256_Update(&ctx, bytes.data(), bytes.size());
    from_ctx(ctx, m_state);
}

crypto::Sha256Digest FileHash::digest() const {
    SHA256_CTX ctx = to_ctx(m_state);
    crypto::Sha256Digest out{};
    SHA256_Final(out.data(), &ctx);
    return out;
}

std::string FileHash::save() const {
    std::string out(k_tag);
    for (auto v : m_state.h) put_u32(out, v);
    put_u32(out, m_state.nl);
    put_u32(out, m_state.nh);
    for (auto v : m_state.data) put_u32(out, v);
    put_u32(out, m_state.num);
    put_u32(out, m_state.md_len);
    return out;
}

std::optional<FileHash> FileHash::restore(std::string_view saved) {
    constexpr std::size_t tag = sizeof k_tag - 1;
    if (saved.size() != tag + 28 * 4 || saved.substr(0, tag) != k_tag) return std::nullopt;
    saved.remove_prefix(tag);
    FileHash hash;
    for (auto& v : hash.m_state.h) v = get_u32(saved);
    hash.m_state.nl = get_u32(saved);
    hash.m_state.nh = get_u32(saved);
    for (auto& v : hash.m_state.data) v = get_u32(saved);
    hash.m_state.num = get_u32(saved);
    hash.m_state.md_len = get_u32(saved);
    if (hash.m_state.num >= 64 || hash.m_state.md_len != SHA256_DIGEST_LENGTH) return std::nullopt;
    return hash;
}

crypto::Sha256Digest chunk_digest(std::int64_t file_id, std::uint64_t first_byte, std::string_view data) {
    unsigned char prefix[16];
    put_be64(prefix, static_cast<std::uint64_t>(file_id));
    put_be64(prefix + 8, first_byte);
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, prefix, sizeof prefix);
    SHA256_Update(&ctx, data.data(), data.size());
    crypto::Sha256Digest out{};
    SHA256_Final(out.data(), &ctx);
    return out;
}

} // namespace mimamori::files
