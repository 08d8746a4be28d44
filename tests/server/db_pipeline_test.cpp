// db::DeferredTransaction (Database::transact's transaction, whose BEGIN goes with its first
// statement) and db::Pipeline (several statements in one round trip, binary parameters, COMMIT
// with the last of them) against a real PostgreSQL.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

#include "db/database.hpp"
#include "db/pipeline.hpp"
#include "support/test_database.hpp"

namespace mimamori::test {
namespace {

const db::Statement k_insert_rows{"test_insert_rows", R"sql(
    INSERT INTO t (id, label, at) SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]))sql"};
const db::Statement k_insert_one{"test_insert_one", "INSERT INTO t (id, label) VALUES ($1, 'one')"};
const db::Statement k_now{"test_now", "SELECT (extract(epoch FROM now()) * 1000000)::bigint"};
const db::Statement k_count{"test_count", "SELECT count(*) FROM t"};
// A setting for the transaction only, as the access log's synchronous_commit off.
const db::Statement k_set_local{"test_set_local", "SELECT set_config('mimamori.test_flag', 'queued', true)"};
const db::Statement k_show_local{"test_show_local", "SELECT coalesce(current_setting('mimamori.test_flag', true), '')"};

class DbPipeline : public FreshDatabaseTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(FreshDatabaseTest::SetUp());
        database().exec("CREATE TABLE t (id bigint PRIMARY KEY, label text, at timestamptz)");
        db = std::make_unique<db::Database>(database().url());
    }
    void TearDown() override { db.reset(); }

    // Rows ids..ids+n-1 with the given labels, in one pipeline.
    static db::Pipeline& add_rows(db::Pipeline& p, std::int64_t first, const std::vector<std::optional<std::string>>& labels,
                                  std::int64_t at_us = 0) {
        db::BinaryArray ids(db::BinaryArray::k_int8, labels.size()), texts(db::BinaryArray::k_text, labels.size()),
            times(db::BinaryArray::k_timestamptz, labels.size());
        for (std::size_t i = 0; i < labels.size(); ++i) {
            ids.add_int8(first + static_cast<std::int64_t>(i));
            if (labels[i]) texts.add(*labels[i]);
            else texts.add_null();
            times.add(db::binary_timestamptz(at_us));
        }
        return p.add(k_insert_rows, {{ids.take()}, {texts.take()}, {times.take()}});
    }

    std::unique_ptr<db::Database> db;
};

TEST_F(DbPipeline, TheFirstStatementBeginsTheTransaction) {
    // now() is the transaction's start: two reads of it in one transaction agree, and they would
    // not if the statements ran without a BEGIN (each its own transaction).
    auto [first, second] = db->transact([](db::Tx& tx) {
        auto a = tx.exec(k_now)[0][0].as<std::int64_t>();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        auto b = db::Pipeline(tx).add(k_now).run();
        return std::make_pair(a, b[0].int64(0, 0));
    });
    EXPECT_EQ(first, second);
    // And through a pipeline first (BEGIN in the same round trip), then libpqxx.
    auto [third, fourth] = db->transact([](db::Tx& tx) {
        auto a = db::Pipeline(tx).add(k_now).run();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return std::make_pair(a[0].int64(0, 0), tx.exec(k_now)[0][0].as<std::int64_t>());
    });
    EXPECT_EQ(third, fourth);
    EXPECT_GT(third, first);
}

TEST_F(DbPipeline, RowsGoAsBinaryArraysAndCommitWithTheLastRoundTrip) {
    const std::string odd = std::string("quote \" backslash \\ tab \t newline \n control \x01 日本語 '") + "{,}";
    const std::int64_t at_us = 1764151200123456; // 2025-11-26T10:00:00.123456Z
    db->transact([&](db::Tx& tx) {
        db::Pipeline p(tx);
        add_rows(p, 1, {odd, std::nullopt, std::string()}, at_us).commit().run();
        // The transaction is over: nothing may follow in it.
        EXPECT_THROW(tx.exec(k_count), std::logic_error);
        EXPECT_THROW(db::Pipeline(tx).add(k_count).run(), std::logic_error);
    });
    EXPECT_EQ(database().count_rows("t"), 3);
    EXPECT_EQ(database().query_value("SELECT label FROM t WHERE id = 1"), odd);
    EXPECT_EQ(database().query_value("SELECT label IS NULL FROM t WHERE id = 2"), "t");
    EXPECT_EQ(database().query_value("SELECT label = '' FROM t WHERE id = 3"), "t");
    EXPECT_EQ(database().query_value("SELECT (extract(epoch FROM at) * 1000000)::bigint FROM t WHERE id = 1"),
              std::to_string(at_us));
}

TEST_F(DbPipeline, AFailingStatementRollsBackTheWholeTransactionAndTheConnectionStaysUsable) {
    database().exec("INSERT INTO t (id, label) VALUES (10, 'there before')");
    EXPECT_THROW(db->transact([&](db::Tx& tx) {
        tx.exec(k_insert_one, 1);
        db::Pipeline p(tx);
        add_rows(p, 2, {std::string("b")});
        add_rows(p, 10, {std::string("duplicate key")}).commit().run();
    }),
                 pqxx::sql_error);
    EXPECT_EQ(database().count_rows("t"), 1); // neither row 1 nor 2: the COMMIT never ran
    // The same thread's connection goes on (the failed transaction was rolled back).
    db->transact([&](db::Tx& tx) {
        db::Pipeline p(tx);
        add_rows(p, 2, {std::string("b")}).commit().run();
    });
    EXPECT_EQ(database().count_rows("t"), 2);
    // A transaction that throws after a pipeline without COMMIT commits nothing.
    EXPECT_THROW(db->transact([&](db::Tx& tx) {
        db::Pipeline p(tx);
        add_rows(p, 3, {std::string("c")}).run();
        throw std::runtime_error("changed my mind");
    }),
                 std::runtime_error);
    EXPECT_EQ(database().count_rows("t"), 2);
}

TEST_F(DbPipeline, QueuedStatementsGoWithTheNextRoundTripAndLastOnlyForTheTransaction) {
    auto setting = [&](bool queue, bool by_pipeline) {
        return db->transact([&](db::Tx& tx) {
            if (queue) tx.queue(k_set_local);
            if (by_pipeline) {
                auto r = db::Pipeline(tx).add(k_show_local).run();
                return std::string(r[0].bytes(0, 0));
            }
            return tx.exec(k_show_local)[0][0].as<std::string>();
        });
    };
    EXPECT_EQ(setting(false, false), "");
    EXPECT_EQ(setting(true, true), "queued");
    EXPECT_EQ(setting(false, true), ""); // set for the transaction only: the next one is back to none
    EXPECT_EQ(setting(true, false), "queued");
    EXPECT_EQ(setting(false, false), "");
    // Queued and never followed by a statement: it still runs before the commit.
    db->transact([&](db::Tx& tx) { tx.queue(k_show_local); });
}

TEST_F(DbPipeline, ABinaryArrayRefusesAnotherNumberOfElementsThanAnnounced) {
    db::BinaryArray two(db::BinaryArray::k_int8, 2);
    two.add_int8(1);
    EXPECT_THROW(two.take(), std::logic_error);
    db::BinaryArray one(db::BinaryArray::k_int8, 1);
    one.add_int8(1);
    one.add_int8(2);
    EXPECT_THROW(one.take(), std::logic_error);
}

} // namespace
} // namespace mimamori::test
