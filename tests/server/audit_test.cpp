// The access log: entries for sign-ins, reads, writes and denials, a chain that verifies, entries
// the application's database role cannot change, concurrent appends forming one chain, and the
// search for secretariat administrators.
#include <gtest/gtest.h>

#include <thread>

#include <pqxx/pqxx>

#include "db/database.hpp"
#include "mimamori/common/audit_chain.hpp"
#include "repositories/audit_repository.hpp"
#include "support/accounts.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class AccessLog : public ServerTest {
protected:
    // Every entry, in id order, checked link by link.
    std::optional<audit::Break> verify_chain() {
        db::Database db(database().url());
        auto entries = db.transact([](db::Tx& tx) { return repositories::read_audit_entries(tx, 0, 1'000'000); });
        return audit::verify(entries);
    }
    std::string count(const std::string& where) {
        return database().query_value("SELECT count(*) FROM audit_log WHERE " + where);
    }
};

TEST_F(AccessLog, EverySignInAttemptIsLoggedWithTheLoginAsTyped) {
    auto id = create_account(database(), {.login = "nurse.sato"});
    sign_in(port(), "nurse.sato");
    sign_in_request(port(), "Nurse.Sato", "Wrong-password-1");
    sign_in_request(port(), "no.such.person", "Wrong-password-1");
    EXPECT_EQ(count("action = 'session.create' AND result = 'ok' AND actor_account_id = " + std::to_string(id) +
                    " AND actor_login = 'nurse.sato' AND client_address = '127.0.0.1'"), "1");
    // A failed attempt names no actor, only the login as typed (and, for the secretariat, the
    // account it was aimed at).
    EXPECT_EQ(count("action = 'session.create' AND result = 'failed' AND actor_account_id IS NULL AND "
                    "actor_login = 'Nurse.Sato' AND target_id = '" + std::to_string(id) + "'"), "1");
    EXPECT_EQ(count("action = 'session.create' AND result = 'failed' AND actor_login = 'no.such.person' AND "
                    "target_id = ''"), "1");
    for (int i = 0; i < 5; ++i) sign_in_request(port(), "no.such.person", "Wrong-password-1");
    EXPECT_EQ(count("action = 'session.create' AND result = 'locked'"), "2");
    EXPECT_FALSE(verify_chain());
}

TEST_F(AccessLog, TextThatJsonMustEscapeIsStoredAsTypedAndChains) {
    // The batch travels to PostgreSQL as JSON text written by hand: quotes, backslashes, control
    // characters and Japanese must arrive exactly, and the chain must hold over them.
    sign_in_request(port(), "看護\"師\\\n\t\x01\x1f/", "Wrong-password-1");
    EXPECT_EQ(count(R"(action = 'session.create' AND result = 'failed' AND actor_login = E'看護"師\\\n\t\x01\x1f/')"),
              "1");
    EXPECT_FALSE(verify_chain());
}

TEST_F(AccessLog, ReadsWritesAndDenialsAreLoggedBeforeTheAnswer) {
    auto admin_id = create_account(database(), {.login = "sec.admin", .secretariat_role = "secretariat_admin"});
    create_account(database(), {.login = "nurse.sato"});
    auto admin = sign_in(port(), "sec.admin");
    auto nurse = sign_in(port(), "nurse.sato");
    // A read, logged (the answer arrived, so its entry is already there).
    ASSERT_EQ(admin.get("/api/v1/audit").status, 200);
    EXPECT_EQ(count("action = 'audit.read' AND result = 'ok' AND actor_account_id = " + std::to_string(admin_id)), "1");
    // A denial: 403 with the permission function's reason, logged as denied.
    auto denied = nurse.get("/api/v1/audit");
    EXPECT_EQ(denied.status, 403);
    EXPECT_EQ(denied.error_code(), "forbidden");
    EXPECT_EQ(count("action = 'audit_log_view' AND result = 'denied' AND actor_login = 'nurse.sato' AND "
                    "detail LIKE '%reason%'"), "1");
    // A write, and a write that fails: the failed one is logged as failed, nothing changed.
    ASSERT_EQ(nurse.request("PUT", "/api/v1/me/password",
                            {{"current_password", k_password}, {"new_password", "Another-good-pass-42"}}).status, 204);
    EXPECT_EQ(count("action = 'account.password_change' AND result = 'ok'"), "1");
    EXPECT_EQ(nurse.request("PUT", "/api/v1/me/password",
                            {{"current_password", "Wrong-password-1"}, {"new_password", "Third-good-pass-42"}}).status, 401);
    EXPECT_EQ(count("action = 'account.password_change' AND result = 'failed'"), "1");
    EXPECT_FALSE(verify_chain());
}

TEST_F(AccessLog, AnOkEntryOfARequestThatFailsIsRecordedAsFailed) {
    auto post = [&](const std::string& query) { return http_request(port(), "POST", "/api/v1/test/audit?" + query); };
    EXPECT_EQ(post("status=201").status, 201);
    EXPECT_EQ(post("status=409").status, 409);
    EXPECT_EQ(post("status=200&throw=1").status, 500);
    EXPECT_EQ(count("target_id = '201' AND result = 'ok'"), "1");
    EXPECT_EQ(count("target_id = '409' AND result = 'failed' AND detail = '{\"status\":409}'"), "1");
    EXPECT_EQ(count("target_id = '200' AND result = 'failed' AND detail = '{\"status\":500}'"), "1");
    EXPECT_FALSE(verify_chain());
}

TEST_F(AccessLog, WhenTheLogCannotBeWrittenNoDataLeavesAndNothingIsCommitted) {
    create_account(database(), {.login = "sec.admin", .secretariat_role = "secretariat_admin"});
    auto admin = sign_in(port(), "sec.admin");
    std::string hash = database().query_value("SELECT password_hash FROM accounts");
    database().exec("CREATE FUNCTION refuse_entry() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'the log is full'; END $$; "
                    "CREATE TRIGGER refuse_entry BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_entry()");
    auto read = admin.get("/api/v1/audit");
    EXPECT_EQ(read.status, 500);
    EXPECT_EQ(read.body.find("entries"), std::string::npos);
    auto write = admin.request("PUT", "/api/v1/me/password",
                               {{"current_password", k_password}, {"new_password", "Another-good-pass-42"}});
    EXPECT_EQ(write.status, 500);
    EXPECT_EQ(database().query_value("SELECT password_hash FROM accounts"), hash);
    EXPECT_EQ(sign_in_request(port(), "sec.admin", k_password).status, 500); // no session without its entry
    EXPECT_EQ(database().count_rows("sessions"), 1);
    database().exec("DROP TRIGGER refuse_entry ON audit_log; DROP FUNCTION refuse_entry()");
    EXPECT_EQ(admin.get("/api/v1/audit").status, 200);
    EXPECT_FALSE(verify_chain());
}

TEST_F(AccessLog, TheApplicationRoleCannotChangeOrRemoveEntries) {
    create_account(database(), {.login = "nurse.sato"});
    sign_in(port(), "nurse.sato");
    // The app's role (here the test cluster's user, as in tools/run) meets the trigger.
    for (const char* sql : {"UPDATE audit_log SET result = 'ok'", "DELETE FROM audit_log",
                                   "TRUNCATE audit_log"}) {
        EXPECT_THROW(database().exec(sql), pqxx::sql_error) << sql;
    }
    EXPECT_EQ(database().count_rows("audit_log"), 1);
    // And a role that is not the table's owner has no UPDATE/DELETE/TRUNCATE privilege at all.
    database().exec("DO $$ BEGIN CREATE ROLE mimamori_app_test LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    database().exec("GRANT SELECT, INSERT ON audit_log TO mimamori_app_test");
    for (const char* sql : {"UPDATE audit_log SET result = 'ok'", "DELETE FROM audit_log",
                                   "TRUNCATE audit_log"}) {
        pqxx::connection c(database().url());
        pqxx::work tx(c);
        tx.exec("SET ROLE mimamori_app_test");
        EXPECT_THROW(tx.exec(sql), pqxx::insufficient_privilege) << sql;
    }
    database().exec("REVOKE ALL ON audit_log FROM mimamori_app_test");
}

TEST_F(AccessLog, ConcurrentRequestsFormOneChain) {
    create_account(database(), {.login = "sec.admin", .secretariat_role = "secretariat_admin"});
    auto admin = sign_in(port(), "sec.admin");
    constexpr int threads = 8, each = 15;
    std::vector<std::thread> workers;
    std::atomic<int> ok{0};
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            for (int i = 0; i < each; ++i) ok += admin.get("/api/v1/audit?limit=1").status == 200;
        });
    for (auto& w : workers) w.join();
    EXPECT_EQ(ok, threads * each);
    EXPECT_EQ(count("action = 'audit.read'"), std::to_string(threads * each));
    EXPECT_FALSE(verify_chain());
    EXPECT_EQ(database().query_value("SELECT last_id = (SELECT max(id) FROM audit_log) FROM audit_head"), "t");
    // A second server on the same database appends to the same chain.
    auto second = start_server(test_config(database().url()));
    Session other = admin;
    other.port = second->port();
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(admin.get("/api/v1/audit?limit=1").status, 200);
        EXPECT_EQ(other.get("/api/v1/audit?limit=1").status, 200);
    }
    EXPECT_FALSE(verify_chain());
}

TEST_F(AccessLog, SearchFiltersAndPagesNewestFirst) {
    auto admin_id = create_account(database(), {.login = "sec.admin", .secretariat_role = "secretariat_admin"});
    auto admin = sign_in(port(), "sec.admin");
    for (int i = 0; i < 3; ++i) sign_in_request(port(), "someone.else", "Wrong-password-1");
    auto page = admin.get("/api/v1/audit?action=session.create&result=failed&limit=2");
    ASSERT_EQ(page.status, 200) << page.body;
    Json body = page.json();
    ASSERT_EQ(body["entries"].size(), 2u);
    EXPECT_GT(body["entries"][0]["id"], body["entries"][1]["id"]);
    EXPECT_EQ(body["entries"][0]["actor_login"], "someone.else");
    EXPECT_EQ(body["entries"][0]["detail"]["reason"], "password");
    EXPECT_EQ(body["entries"][0]["client_address"], "127.0.0.1");
    EXPECT_EQ(body["entries"][0]["at"].get<std::string>().size(), 27u);
    EXPECT_EQ(body["next_before_id"], body["entries"][1]["id"]);
    auto rest = admin.get("/api/v1/audit?action=session.create&result=failed&limit=2&before_id=" +
                          std::to_string(body["next_before_id"].get<long long>())).json();
    EXPECT_EQ(rest["entries"].size(), 1u);
    EXPECT_EQ(rest["next_before_id"], nullptr);
    // By actor (id or login), by day (Japan time), and the search itself is in the log.
    auto mine = admin.get("/api/v1/audit?actor=" + std::to_string(admin_id)).json();
    for (const auto& e : mine["entries"]) EXPECT_EQ(e["actor_account_id"], admin_id);
    EXPECT_EQ(admin.get("/api/v1/audit?actor=sec.admin").json()["entries"].size(), mine["entries"].size() + 1);
    EXPECT_EQ(admin.get("/api/v1/audit?from=2000-01-01&to=2000-01-31").json()["entries"].size(), 0u);
    for (const char* bad : {"from=2026-13-01", "limit=0", "limit=501", "before_id=x", "patient_id=-1"}) {
        auto r = admin.get(std::string("/api/v1/audit?") + bad);
        EXPECT_EQ(r.status, 400) << bad;
    }
    EXPECT_EQ(count("action = 'audit.read' AND detail LIKE '%session.create%'"), "2");
}

// A batch of reads only commits without waiting for its WAL flush: the head's lock sets
// synchronous_commit off for its transaction (in the same statement), and for nothing else.
TEST_F(AccessLog, OnlyADeferredBatchCommitsWithoutWaitingForTheFlush) {
    const db::Statement show{"test_show_sync", "SELECT current_setting('synchronous_commit')"};
    db::Database db(database().url());
    db.transact([](db::Tx& tx) { tx.exec_script("SET synchronous_commit = on"); }); // the session's, whatever the cluster's
    auto setting = [&](bool defer) {
        return db.transact([&](db::Tx& tx) {
            repositories::lock_audit_head(tx, defer);
            return tx.exec(show)[0][0].as<std::string>();
        });
    };
    EXPECT_EQ(setting(true), "off");
    EXPECT_EQ(setting(false), "on");
    EXPECT_EQ(setting(true), "off");
    EXPECT_EQ(db.transact([&](db::Tx& tx) { return tx.exec(show)[0][0].as<std::string>(); }), "on"); // this transaction only
}

// The day filters are served from id ranges (migration 0011: times follow ids), so they must
// give exactly the entries whose times fall in the days, at the edges of a day too. The entries
// are written through the repository at chosen times after the real ones, which also shows that
// the appender's next entry never takes a time before them (the database clock is earlier).
TEST_F(AccessLog, DayFiltersGiveTheEntriesOfThoseDaysAndTimesNeverGoBack) {
    create_account(database(), {.login = "sec.admin", .secretariat_role = "secretariat_admin"});
    auto admin = sign_in(port(), "sec.admin");
    auto micros = [&](const std::string& time) {
        return std::stoll(database().query_value("SELECT (extract(epoch FROM timestamptz '" + time +
                                                 "') * 1000000)::bigint"));
    };
    const std::vector<std::pair<std::string, std::optional<std::int64_t>>> times = {
        {"2099-03-30 23:59:59.999999+09", 7}, {"2099-03-31 00:00:00+09", std::nullopt},
        {"2099-03-31 12:00:00+09", 7},        {"2099-03-31 23:59:59.999999+09", 8},
        {"2099-03-31 23:59:59.999999+09", 7}, {"2099-04-01 00:00:00+09", 7},
        {"2099-04-02 00:00:00+09", 8}};
    db::Database db(database().url());
    db.transact([&](db::Tx& tx) {
        auto head = repositories::lock_audit_head(tx);
        std::vector<audit::StoredEntry> stored;
        audit::Hash previous = head.last_hash;
        std::int64_t id = head.last_id;
        for (const auto& [time, patient] : times) {
            audit::Entry e;
            e.sequence = ++id;
            e.time_us = micros(time);
            e.actor_login = "clock.test";
            e.action = "test.time";
            e.patient_id = patient;
            e.result = "ok";
            previous = audit::chain_hash(previous, e);
            stored.push_back({e, previous});
        }
        repositories::insert_audit_entries(tx, stored);
    });
    // What the filters must give: the entries by their times, newest first.
    auto expected = [&](const std::string& where) { // ids, newest first, comma-separated
        return database().query_value("SELECT coalesce(string_agg(id::text, ',' ORDER BY id DESC), '') FROM audit_log "
                                      "WHERE action = 'test.time' AND " + where);
    };
    auto found = [&](const std::string& query) {
        auto page = admin.get("/api/v1/audit?action=test.time&" + query);
        EXPECT_EQ(page.status, 200) << page.body;
        const Json body = page.json();
        std::string ids;
        for (const auto& e : body["entries"])
            ids += (ids.empty() ? "" : ",") + std::to_string(e["id"].get<std::int64_t>());
        return ids;
    };
    const std::string day_31 = "at >= '2099-03-31 00:00:00+09' AND at < '2099-04-01 00:00:00+09'";
    EXPECT_EQ(database().query_value("SELECT count(*) FROM audit_log WHERE " + day_31), "4");
    EXPECT_EQ(found("from=2099-03-31&to=2099-03-31"), expected(day_31));
    EXPECT_EQ(found("from=2099-03-31"), expected("at >= '2099-03-31 00:00:00+09'"));
    EXPECT_EQ(found("to=2099-03-31"), expected("at < '2099-04-01 00:00:00+09'"));
    EXPECT_EQ(found("to=2099-03-30"), expected("at < '2099-03-31 00:00:00+09'"));
    EXPECT_EQ(found("to=2099-03-30"), expected("at = '2099-03-30 23:59:59.999999+09'"));
    EXPECT_EQ(found("from=2099-04-01&to=2099-04-01"), expected("at = '2099-04-01 00:00:00+09'"));
    EXPECT_EQ(found("from=2099-04-03"), "");
    EXPECT_EQ(found("from=2099-03-31&to=2099-03-31&patient_id=7"), expected(day_31 + " AND patient_id = 7"));
    EXPECT_EQ(database().query_value("SELECT count(*) FROM audit_log WHERE patient_id = 7 AND " + day_31), "2");
    // Paging within a day goes on from the next page's id, not from the day's end.
    auto first = admin.get("/api/v1/audit?action=test.time&from=2099-03-31&to=2099-03-31&limit=3").json();
    ASSERT_EQ(first["entries"].size(), 3u);
    auto rest = found("from=2099-03-31&to=2099-03-31&limit=3&before_id=" +
                      std::to_string(first["next_before_id"].get<std::int64_t>()));
    EXPECT_EQ(rest, expected(day_31 + " AND at = '2099-03-31 00:00:00+09'"));
    // The appender's entries since (the searches above): at the last time, not the (earlier)
    // clock, and found by the day filters; still one chain.
    const std::string since = "id > (SELECT max(id) FROM audit_log WHERE action = 'test.time')";
    EXPECT_NE(count(since), "0");
    EXPECT_EQ(count(since + " AND at <> '2099-04-02 00:00:00+09'"), "0");
    const auto reads = count("action = 'audit.read' AND " + since);
    EXPECT_EQ(found("from=2099-04-02&to=2099-04-02"), expected("at = '2099-04-02 00:00:00+09'"));
    auto later = admin.get("/api/v1/audit?action=audit.read&from=2099-04-02&to=2099-04-02&limit=500").json();
    EXPECT_EQ(std::to_string(later["entries"].size()), std::to_string(std::stoll(reads) + 1)); // + the search above
    EXPECT_FALSE(verify_chain());
}

} // namespace
} // namespace mimamori::test
