// tools/verify-audit's program against a real log: it passes, and after one entry is changed
// behind the trigger's back it fails naming that entry.
#include <gtest/gtest.h>

#include "support/accounts.hpp"
#include "support/child_process.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

using VerifyAudit = ServerTest;

struct Outcome {
    int status = -1;
    std::string output;
};

Outcome run_verifier(const std::string& url) {
    ChildProcess child(verify_audit_binary(), {"--database-url", url});
    Outcome out;
    while (auto line = child.read_stdout_line(20s)) out.output += *line + "\n";
    out.status = child.wait_for_exit().value_or(-1);
    return out;
}

TEST_F(VerifyAudit, PassesOnARealLogAndNamesTheFirstChangedEntry) {
    create_account(database(), {.login = "nurse.sato"});
    for (int i = 0; i < 3; ++i) sign_in(port(), "nurse.sato");
    sign_in_request(port(), "nurse.sato", "Wrong-password-1");
    auto good = run_verifier(database().url());
    EXPECT_EQ(good.status, 0) << good.output;
    EXPECT_NE(good.output.find("4 entries"), std::string::npos) << good.output;
    std::string head = database().query_value("SELECT encode(last_hash, 'hex') FROM audit_head");
    EXPECT_NE(good.output.find(head), std::string::npos) << good.output;

    // As a superuser who switches the triggers off for the session: the failed attempt becomes ok.
    std::string id = database().query_value("SELECT min(id) FROM audit_log WHERE result = 'failed'");
    database().exec("SET session_replication_role = replica; UPDATE audit_log SET result = 'ok' WHERE id = " + id);
    auto bad = run_verifier(database().url());
    EXPECT_EQ(bad.status, 1) << bad.output;
    EXPECT_NE(bad.output.find("BROKEN at entry " + id + " ("), std::string::npos) << bad.output;
    EXPECT_NE(bad.output.find("session.create"), std::string::npos) << bad.output;
}

TEST_F(VerifyAudit, NoticesEntriesCutOffTheEnd) {
    create_account(database(), {.login = "nurse.sato"});
    for (int i = 0; i < 3; ++i) sign_in(port(), "nurse.sato");
    database().exec("ALTER TABLE audit_log DISABLE TRIGGER USER; "
                    "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log); "
                    "ALTER TABLE audit_log ENABLE TRIGGER USER");
    auto bad = run_verifier(database().url());
    EXPECT_EQ(bad.status, 1) << bad.output;
    EXPECT_NE(bad.output.find("BROKEN at the end"), std::string::npos) << bad.output;
}

TEST_F(VerifyAudit, AnEmptyLogHoldsAndAnUnreachableDatabaseIsExit2) {
    auto empty = run_verifier(database().url());
    EXPECT_EQ(empty.status, 0) << empty.output;
    EXPECT_NE(empty.output.find("0 entries"), std::string::npos) << empty.output;
    EXPECT_EQ(run_verifier(with_database(database().url(), "no_such_database")).status, 2);
}

} // namespace
} // namespace mimamori::test
