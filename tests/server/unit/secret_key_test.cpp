// The server's secret key file and what is sealed or keyed with it.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "services/secret_key.hpp"

namespace mimamori::services {
namespace {

namespace fs = std::filesystem;

class SecretKeyFile : public ::testing::Test {
protected:
    void SetUp() override {
        char pattern[] = "/tmp/mimamori-key-test-XXXXXX";
        m_dir = ::mkdtemp(pattern);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

TEST_F(SecretKeyFile, IsCreatedOnceWithMode0600AndReadBackTheSame) {
    fs::path file = m_dir / "secret.key";
    auto first = SecretKey::load_or_create(file);
    ASSERT_TRUE(first.ok()) << first.error().message;
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(fs::file_size(file), 32u);
    auto second = SecretKey::load_or_create(file);
    ASSERT_TRUE(second.ok());
    Bytes secret = {1, 2, 3, 4};
    auto sealed = first->seal("totp-secret", secret);
    EXPECT_EQ(second->open("totp-secret", sealed), secret);
    EXPECT_EQ(first->mac("recovery-code", secret), second->mac("recovery-code", secret));
}

TEST_F(SecretKeyFile, RefusesAFileOfTheWrongSizeOrReadableByOthers) {
    fs::path file = m_dir / "short.key";
    std::ofstream(file) << "too short";
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
    auto loaded = SecretKey::load_or_create(file);
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().message.find("exactly 32 bytes"), std::string::npos);
    fs::path open = m_dir / "open.key";
    std::ofstream(open) << std::string(32, 'k');
    fs::permissions(open, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
    auto shared = SecretKey::load_or_create(open);
    ASSERT_FALSE(shared.ok());
    EXPECT_NE(shared.error().message.find("chmod 600"), std::string::npos);
}

TEST(SecretKey, SealedDataOpensOnlyWithTheSameKeyAndPurposeAndUnchanged) {
    auto key = SecretKey::ephemeral();
    Bytes secret(20, 7);
    auto sealed = key.seal("totp-secret", secret);
    EXPECT_EQ(sealed.size(), 24u + 16u + 20u);
    EXPECT_EQ(key.open("totp-secret", sealed), secret);
    EXPECT_FALSE(key.open("recovery-code", sealed));
    EXPECT_FALSE(SecretKey::ephemeral().open("totp-secret", sealed));
    sealed.back() ^= 1;
    EXPECT_FALSE(key.open("totp-secret", sealed));
    EXPECT_FALSE(key.open("totp-secret", Bytes(10)));
    EXPECT_NE(key.seal("totp-secret", secret), key.seal("totp-secret", secret)); // a new nonce each time
    EXPECT_NE(key.mac("a", secret), key.mac("b", secret));
}

} // namespace
} // namespace mimamori::services
