// The mail sender over a real outbox table and a fake SMTP server: delivery replaces the body by
// its copy without the one-time link, a temporary failure backs off, a refusal or too many
// failures marks the message failed, and a message leased by one sender is not sent twice.
#include <gtest/gtest.h>

#include "db/migrations.hpp"
#include "mail/mail_sender.hpp"
#include "repositories/mail_repository.hpp"
#include "support/fake_smtp.hpp"
#include "support/test_database.hpp"

namespace mimamori::test {
namespace {

class MailSenderTest : public FreshDatabaseTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(FreshDatabaseTest::SetUp());
        m_db = std::make_unique<db::Database>(database().url());
        auto migrated = db::migrate(*m_db, db::embedded_migrations());
        ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    }
    void TearDown() override { m_db.reset(); }

    std::int64_t queue(const std::string& to) {
        return m_db->transact([&](db::Tx& tx) {
            return repositories::insert_mail(
                tx, {to, "【みまもり】ご案内", "link: http://x/#/invite/SECRET\n", "link: (removed)\n", "<m1@example.jp>", true});
        });
    }

    mail::MailSender sender(const FakeSmtpServer& smtp, mail::SenderPolicy policy = {}) {
        mail::SmtpSettings settings;
        settings.host = "127.0.0.1";
        settings.port = smtp.port();
        settings.timeout = std::chrono::milliseconds(2000);
        policy.from = "mimamori@example.jp";
        return mail::MailSender(*m_db, settings, policy);
    }

    std::string column(std::int64_t id, const std::string& name) {
        return database().query_value("SELECT " + name + " FROM mail_outbox WHERE id = " + std::to_string(id));
    }

    std::unique_ptr<db::Database> m_db;
};

TEST_F(MailSenderTest, DeliveredMailKeepsNoLink) {
    FakeSmtpServer smtp;
    const auto id = queue("hanako@example.jp");
    EXPECT_EQ(sender(smtp).deliver_due(), 1);
    ASSERT_EQ(smtp.received().size(), 1u);
    EXPECT_NE(smtp.received()[0].data.find("#/invite/SECRET"), std::string::npos) << "the recipient gets the link";
    EXPECT_NE(smtp.received()[0].data.find("Message-ID: <m1@example.jp>"), std::string::npos);
    EXPECT_EQ(column(id, "status"), "sent");
    EXPECT_EQ(column(id, "body"), "link: (removed)\n");
    EXPECT_EQ(column(id, "delivered_body"), "");
    EXPECT_NE(column(id, "sent_at"), "");
    EXPECT_EQ(sender(smtp).deliver_due(), 0) << "sent once";
}

TEST_F(MailSenderTest, TemporaryFailureBacksOffThenFailsForGood) {
    FakeSmtpServer smtp({.rcpt_reply = 451});
    const auto id = queue("hanako@example.jp");
    mail::SenderPolicy policy;
    policy.first_retry = std::chrono::seconds(60);
    policy.max_attempts = 2;
    auto s = sender(smtp, policy);
    EXPECT_EQ(s.deliver_due(), 0);
    EXPECT_EQ(column(id, "status"), "queued");
    EXPECT_EQ(column(id, "attempts"), "1");
    EXPECT_NE(column(id, "last_error").find("451"), std::string::npos);
    EXPECT_EQ(column(id, "next_attempt_at > now() + interval '50 seconds'"), "t") << "backed off";
    EXPECT_EQ(s.deliver_due(), 0);
    EXPECT_EQ(smtp.connections(), 1) << "not due yet";

    database().exec("UPDATE mail_outbox SET next_attempt_at = now()");
    EXPECT_EQ(s.deliver_due(), 0);
    EXPECT_EQ(column(id, "status"), "failed") << "the second attempt was the last";
    EXPECT_NE(column(id, "body").find("SECRET"), std::string::npos) << "undelivered: the operator may resend it";
}

TEST_F(MailSenderTest, RefusalFailsAtOnce) {
    FakeSmtpServer smtp({.rcpt_reply = 550});
    const auto id = queue("nobody@example.jp");
    EXPECT_EQ(sender(smtp).deliver_due(), 0);
    EXPECT_EQ(column(id, "status"), "failed");
    EXPECT_EQ(column(id, "attempts"), "1");
}

TEST_F(MailSenderTest, KeptMailIsNeverSent) {
    FakeSmtpServer smtp;
    m_db->transact([&](db::Tx& tx) {
        return repositories::insert_mail(tx, {"a@example.jp", "s", "b", "b", "<k@example.jp>", false});
    });
    EXPECT_EQ(sender(smtp).deliver_due(), 0);
    EXPECT_EQ(smtp.connections(), 0);
}

TEST_F(MailSenderTest, ALeasedMessageIsNotTakenAgain) {
    queue("hanako@example.jp");
    auto claimed = m_db->transact([](db::Tx& tx) { return repositories::claim_due_mail(tx, 300, 10); });
    EXPECT_EQ(claimed.size(), 1u);
    auto again = m_db->transact([](db::Tx& tx) { return repositories::claim_due_mail(tx, 300, 10); });
    EXPECT_TRUE(again.empty()) << "another sender's lease is respected";
}

TEST_F(MailSenderTest, TheThreadDeliversWhatIsQueued) {
    FakeSmtpServer smtp;
    mail::SenderPolicy policy;
    policy.poll_interval = std::chrono::milliseconds(50);
    auto s = sender(smtp, policy);
    s.start();
    queue("hanako@example.jp");
    EXPECT_TRUE(smtp.wait_for(1));
    s.stop();
}

} // namespace
} // namespace mimamori::test
