#include "mimamori/common/family_crypto/file_stream.hpp"

#include <algorithm>

#include "canonical.hpp"
#include "json_fields.hpp"
#include "mimamori/common/crypto.hpp"

namespace mimamori::family_crypto {
namespace {

constexpr std::string_view file_key_tag = "mimamori.family.file-key.v1";
constexpr std::size_t full_chunk = file_chunk_size + file_chunk_overhead;

template <typename State>
void wipe_state(State& state) {
    sodium_memzero(&state, sizeof state);
}

Bytes file_key_ad(SpaceId space_id, Epoch epoch, std::string_view file_id) {
    Bytes ad;
    detail::CanonicalWriter(ad).text(file_key_tag).i64(space_id).u32(epoch).text(file_id);
    return ad;
}

Error finished_error() { return Error::make(ErrorCode::Conflict, "the file stream is already finished"); }

} // namespace

std::uint64_t encrypted_file_size(std::uint64_t plaintext_size) {
    const std::uint64_t chunks = plaintext_size == 0 ? 1 : (plaintext_size + file_chunk_size - 1) / file_chunk_size;
    return file_header_size + chunks * file_chunk_overhead + plaintext_size;
}

FileEncryptor::FileEncryptor(const FileKey& key) : m_state{} {
    crypto::init(); // the header is random
    crypto_secretstream_xchacha20poly1305_init_push(&m_state, m_header.data(), key.data());
    m_pending.reserve(file_chunk_size);
}

FileEncryptor::~FileEncryptor() {
    wipe_state(m_state);
    wipe(m_pending);
}

void FileEncryptor::emit(Bytes& out, std::uint8_t tag) {
    if (!m_header_written) {
        out.insert(out.end(), m_header.begin(), m_header.end());
        m_header_written = true;
    }
    const std::size_t at = out.size();
    out.resize(at + m_pending.size() + file_chunk_overhead);
    crypto_secretstream_xchacha20poly1305_push(&m_state, out.data() + at, nullptr, m_pending.data(), m_pending.size(),
                                               nullptr, 0, tag);
    wipe(m_pending);
    m_pending.clear();
}

Status FileEncryptor::push(ByteView plaintext, Bytes& out) {
    if (m_finished) return finished_error();
    while (!plaintext.empty()) {
        // A full chunk is sent only once more data shows it is not the last one.
        if (m_pending.size() == file_chunk_size) emit(out, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        const std::size_t take = std::min(file_chunk_size - m_pending.size(), plaintext.size());
        m_pending.insert(m_pending.end(), plaintext.begin(), plaintext.begin() + static_cast<std::ptrdiff_t>(take));
        plaintext = plaintext.subspan(take);
    }
    return {};
}

Status FileEncryptor::finish(Bytes& out) {
    if (m_finished) return finished_error();
    emit(out, crypto_secretstream_xchacha20poly1305_TAG_FINAL);
    m_finished = true;
    return {};
}

Status FileEncryptor::push_pieces(ByteView plaintext, bool last, Bytes& out) {
    if (m_finished) return finished_error();
    if (!m_pending.empty()) return Error::make(ErrorCode::Conflict, "a partial piece is pending");
    if (!last && (plaintext.empty() || plaintext.size() % file_chunk_size != 0))
        return Error::invalid("plaintext", "a chunk that is not the last must hold whole 64 KiB pieces");
    if (auto st = push(plaintext, out); !st) return st;
    if (last) return finish(out);
    emit(out, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE); // the held full piece: more follow
    return {};
}

FileUploadEncoder::FileUploadEncoder(const FileKey& key, std::uint64_t plain_chunk)
    : m_key(key.clone()), m_plain_chunk(plain_chunk), m_encryptor(std::make_unique<FileEncryptor>(m_key)) {}

Result<FileUploadEncoder> FileUploadEncoder::make(const FileKey& key, std::uint64_t plain_chunk_size) {
    if (plain_chunk_size == 0 || plain_chunk_size % file_chunk_size != 0)
        return Error::invalid("chunk_size", "an upload chunk must hold whole 64 KiB pieces");
    return FileUploadEncoder(key, plain_chunk_size);
}

std::uint64_t FileUploadEncoder::plain_chunk_size_for(std::uint64_t wanted) {
    const std::uint64_t pieces = std::max<std::uint64_t>(1, (wanted + file_chunk_size - 1) / file_chunk_size);
    return pieces * file_chunk_size;
}

std::uint64_t FileUploadEncoder::encoded_chunk_size(std::uint64_t index, std::uint64_t plain_size) {
    const std::uint64_t pieces = plain_size == 0 ? 1 : (plain_size + file_chunk_size - 1) / file_chunk_size;
    return (index == 0 ? file_header_size : 0) + pieces * file_chunk_overhead + plain_size;
}

Result<Bytes> FileUploadEncoder::encode(std::uint64_t index, ByteView plain, bool last) {
    if (m_done || index != m_next)
        return Error::make(ErrorCode::Conflict, "upload chunk " + std::to_string(index) + " asked for, chunk " +
                                                    std::to_string(m_next) + " is next");
    if (!last && plain.size() != m_plain_chunk)
        return Error::invalid("chunk", "a chunk that is not the last must hold " + std::to_string(m_plain_chunk) + " bytes");
    if (last && plain.size() > m_plain_chunk) return Error::invalid("chunk", "the last chunk is too long");
    if (last && plain.empty() && index != 0) return Error::invalid("chunk", "only an empty file has an empty chunk");
    Bytes out;
    out.reserve(static_cast<std::size_t>(encoded_chunk_size(index, plain.size())));
    if (auto st = m_encryptor->push_pieces(plain, last, out); !st) return st.error();
    ++m_next;
    m_done = last;
    return out;
}

void FileUploadEncoder::restart() {
    m_encryptor = std::make_unique<FileEncryptor>(m_key);
    m_next = 0;
    m_done = false;
}

FileDecryptor::FileDecryptor(const FileKey& key) : m_key(key.clone()), m_state{} {
    m_pending.reserve(full_chunk);
}

FileDecryptor::~FileDecryptor() { wipe_state(m_state); }

Status FileDecryptor::fail(std::string message) {
    m_failed = true;
    wipe_state(m_state);
    return Error::invalid("file", std::move(message));
}

Status FileDecryptor::pull(ByteView chunk, Bytes& out) {
    const std::size_t at = out.size();
    out.resize(at + chunk.size() - file_chunk_overhead);
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&m_state, out.data() + at, nullptr, &tag, chunk.data(), chunk.size(),
                                                   nullptr, 0) != 0) {
        out.resize(at);
        return fail("the file is damaged or was altered");
    }
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) m_final_seen = true;
    else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
        wipe(std::span<std::uint8_t>(out).subspan(at));
        out.resize(at);
        return fail("the file has a part this app does not write");
    }
    return {};
}

Status FileDecryptor::push(ByteView ciphertext, Bytes& out) {
    if (m_failed) return Error::invalid("file", "the file could not be read");
    while (!ciphertext.empty()) {
        if (m_header_filled < file_header_size) {
            const std::size_t take = std::min(file_header_size - m_header_filled, ciphertext.size());
            std::copy_n(ciphertext.begin(), take, m_header.begin() + static_cast<std::ptrdiff_t>(m_header_filled));
            m_header_filled += take;
            ciphertext = ciphertext.subspan(take);
            if (m_header_filled == file_header_size &&
                crypto_secretstream_xchacha20poly1305_init_pull(&m_state, m_header.data(), m_key.data()) != 0)
                return fail("the file is damaged or was altered");
            continue;
        }
        if (m_final_seen) return fail("the file has data after its end");
        const std::size_t take = std::min(full_chunk - m_pending.size(), ciphertext.size());
        m_pending.insert(m_pending.end(), ciphertext.begin(), ciphertext.begin() + static_cast<std::ptrdiff_t>(take));
        ciphertext = ciphertext.subspan(take);
        if (m_pending.size() == full_chunk) {
            if (auto st = pull(m_pending, out); !st) return st;
            m_pending.clear();
        }
    }
    return {};
}

Status FileDecryptor::finish(Bytes& out) {
    if (m_failed) return Error::invalid("file", "the file could not be read");
    if (!m_final_seen) {
        if (m_header_filled < file_header_size || m_pending.size() < file_chunk_overhead)
            return fail("the file is incomplete");
        if (auto st = pull(m_pending, out); !st) return st;
        m_pending.clear();
        if (!m_final_seen) return fail("the file is incomplete");
    }
    return {};
}

Result<Bytes> encrypt_file(const FileKey& key, ByteView plaintext) {
    Bytes out;
    out.reserve(static_cast<std::size_t>(encrypted_file_size(plaintext.size())));
    FileEncryptor encryptor(key);
    if (auto st = encryptor.push(plaintext, out); !st) return st.error();
    if (auto st = encryptor.finish(out); !st) return st.error();
    return out;
}

Result<Bytes> decrypt_file(const FileKey& key, ByteView ciphertext) {
    Bytes out;
    out.reserve(ciphertext.size());
    FileDecryptor decryptor(key);
    if (auto st = decryptor.push(ciphertext, out); !st) return st.error();
    if (auto st = decryptor.finish(out); !st) return st.error();
    return out;
}

Result<WrappedFileKey> detail::wrap_file_key_with_nonce(const FileKey& file_key, const EpochKey& epoch_key,
                                                        std::string_view file_id, const Nonce& nonce) {
    if (auto st = check_client_id(file_id, "file_id"); !st) return st.error();
    if (auto st = check_space_id(epoch_key.space_id, "space_id"); !st) return st.error();
    if (auto st = check_epoch(epoch_key.epoch, "epoch"); !st) return st.error();
    WrappedFileKey w{epoch_key.space_id, epoch_key.epoch, std::string(file_id), nonce, {}};
    const Bytes ad = file_key_ad(w.space_id, w.epoch, w.file_id);
    crypto_aead_xchacha20poly1305_ietf_encrypt(w.wrapped_key.data(), nullptr, file_key.data(), file_key.size, ad.data(),
                                               ad.size(), nullptr, w.nonce.data(), epoch_key.secret.data());
    return w;
}

Result<WrappedFileKey> wrap_file_key(const FileKey& file_key, const EpochKey& epoch_key, std::string_view file_id) {
    Nonce nonce{};
    crypto::random_bytes(nonce);
    return detail::wrap_file_key_with_nonce(file_key, epoch_key, file_id, nonce);
}

Result<FileKey> unwrap_file_key(const WrappedFileKey& wrapped, const EpochKeyring& keyring) {
    if (wrapped.space_id != keyring.space_id()) return Error::invalid("space_id", "this file belongs to another family space");
    const EpochKey* key = keyring.find(wrapped.epoch);
    if (key == nullptr) return Error::invalid("epoch", "no key is held for this file's epoch");
    if (!is_valid_client_id(wrapped.file_id)) return Error::invalid("file_id", "the file id is malformed");
    const Bytes ad = file_key_ad(wrapped.space_id, wrapped.epoch, wrapped.file_id);
    FileKey file_key;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(file_key.writable().data(), nullptr, nullptr, wrapped.wrapped_key.data(),
                                                   wrapped.wrapped_key.size(), ad.data(), ad.size(), wrapped.nonce.data(),
                                                   key->secret.data()) != 0)
        return Error::invalid("wrapped_key", "the file key cannot be verified");
    return file_key;
}

Json to_json(const WrappedFileKey& w) {
    return Json{{"version", format_version}, {"space_id", w.space_id},       {"epoch", w.epoch},
                {"file_id", w.file_id},      {"nonce", detail::b64(w.nonce)}, {"wrapped_key", detail::b64(w.wrapped_key)}};
}

Result<WrappedFileKey> wrapped_file_key_from_json(const Json& value) {
    if (auto st = detail::check_object(value, "wrapped_file_key",
                                       {"version", "space_id", "epoch", "file_id", "nonce", "wrapped_key"});
        !st)
        return st.error();
    detail::FieldReader r(value);
    WrappedFileKey w{r.space_id("space_id"), r.epoch("epoch"), r.client_id("file_id"), {}, {}};
    r.exact("nonce", w.nonce);
    r.exact("wrapped_key", w.wrapped_key);
    if (!r.ok()) return r.error();
    return w;
}

} // namespace mimamori::family_crypto
