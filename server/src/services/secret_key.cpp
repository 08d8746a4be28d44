#include "services/secret_key.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <sodium.h>

namespace mimamori::services {
namespace {

Error key_error(const std::filesystem::path& path, const std::string& what) {
    return Error::make(ErrorCode::Unavailable, "secret key file " + path.string() + ": " + what);
}

std::string errno_text() { return std::strerror(errno); }

// Reads exactly `out.size()` bytes and checks that nothing follows.
Status read_key(const std::filesystem::path& path, std::span<std::uint8_t> out) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return key_error(path, "cannot be read: " + errno_text());
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return key_error(path, "is not a regular file");
    }
    if ((st.st_mode & 077) != 0) {
        ::close(fd);
        return key_error(path, "is readable by other users: chmod 600 it");
    }
    std::size_t got = 0;
    std::uint8_t extra = 0;
    ssize_t n = 0;
    while (got < out.size() && (n = ::read(fd, out.data() + got, out.size() - got)) > 0) got += static_cast<std::size_t>(n);
    bool longer = got == out.size() && ::read(fd, &extra, 1) == 1;
    ::close(fd);
    if (got != out.size() || longer)
        return key_error(path, "must hold exactly " + std::to_string(out.size()) + " bytes");
    return {};
}

// Creates the file with a new key; false (and no error) when another process created it first.
Result<bool> create_key(const std::filesystem::path& path, std::span<const std::uint8_t> key) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return false;
        return key_error(path, "cannot be created: " + errno_text());
    }
    bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        ::unlink(path.c_str());
        return key_error(path, "cannot be written: " + errno_text());
    }
    return true;
}

} // namespace

Result<SecretKey> SecretKey::load_or_create(const std::filesystem::path& path) {
    std::array<std::uint8_t, size> key{};
    if (::access(path.c_str(), F_OK) != 0) {
        crypto::random_bytes(key);
        auto created = create_key(path, key);
        if (!created) return created.error();
        if (*created) return SecretKey(key);
    }
    if (auto read = read_key(path, key); !read) return read.error();
    return SecretKey(key);
}

SecretKey SecretKey::ephemeral() {
    std::array<std::uint8_t, size> key{};
    crypto::random_bytes(key);
    return SecretKey(key);
}

crypto::Sha256Digest SecretKey::derive(std::string_view purpose) const {
    return crypto::hmac_sha256(m_key, as_bytes("mimamori.secret-key.v1." + std::string(purpose)));
}

Bytes SecretKey::seal(std::string_view purpose, ByteView plaintext) const {
    static_assert(crypto_secretbox_KEYBYTES == 32);
    auto key = derive(purpose);
    Bytes out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
    crypto::random_bytes(std::span(out.data(), crypto_secretbox_NONCEBYTES));
    crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES, plaintext.data(), plaintext.size(), out.data(),
                          key.data());
    sodium_memzero(key.data(), key.size());
    return out;
}

std::optional<Bytes> SecretKey::open(std::string_view purpose, ByteView sealed) const {
    if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
    auto key = derive(purpose);
    Bytes out(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES);
    int rc = crypto_secretbox_open_easy(out.data(), sealed.data() + crypto_secretbox_NONCEBYTES,
                                        sealed.size() - crypto_secretbox_NONCEBYTES, sealed.data(), key.data());
    sodium_memzero(key.data(), key.size());
    if (rc != 0) return std::nullopt;
    return out;
}

crypto::Sha256Digest SecretKey::mac(std::string_view purpose, ByteView data) const {
    auto key = derive(purpose);
    auto digest = crypto::hmac_sha256(key, data);
    sodium_memzero(key.data(), key.size());
    return digest;
}

} // namespace mimamori::services
