// The demo region of assets/demo (--demo-data): loaded into an empty database only, quickly,
// covering every facility type and profession, and every listed sign-in works as its role
// without a forced password change or two-factor sign-in. Wrong files stop the start with the
// reason, and nothing is stored.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <set>

#include "db/migrations.hpp"
#include "mimamori/common/vocabulary.hpp"
#include "services/demo_data.hpp"
#include "support/accounts.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

const std::filesystem::path k_demo = MIMAMORI_DEMO_DIR;

Json read_json(const std::filesystem::path& path) {
    std::ifstream in(path);
    return Json::parse(in);
}

class DemoData : public FreshDatabaseTest {
protected:
    server::Config config() {
        auto c = test_config(database().url());
        c.demo_data = k_demo;
        return c;
    }
};

TEST_F(DemoData, EveryTypeEveryProfessionAndEverySignIn) {
    auto server = start_server(config());
    for (const auto& t : facility_types())
        EXPECT_EQ(database().count_rows("facilities WHERE type = '" + std::string(t.label.code) + "'"), 1) << t.label.code;
    for (const auto& p : mimamori::professions())
        EXPECT_GE(database().count_rows("accounts WHERE profession = '" + std::string(p.label.code) + "'"), 1)
            << p.label.code;

    const Json accounts = read_json(k_demo / "accounts.json");
    std::set<std::string> roles;
    for (const auto& a : accounts) {
        SCOPED_TRACE(a.dump());
        const Session s = sign_in(server->port(), a["login"], a["password"]);
        ASSERT_FALSE(s.cookie.empty());
        const Json& me = s.me;
        EXPECT_EQ(me["must_change_password"], false);
        EXPECT_EQ(me["two_factor"]["enabled"], false);
        EXPECT_EQ(me["two_factor"]["required"], false);
        EXPECT_EQ(me["account"]["profession"], a["profession"]);
        const Json my_roles = me["roles"];
        EXPECT_NE(std::find(my_roles.begin(), my_roles.end(), a["role"]), my_roles.end()) << my_roles;
        if (a["facility"] != "") {
            EXPECT_EQ(me["affiliations"].at(0)["facility_name"], a["facility"]);
        }
        roles.insert(a["role"].get<std::string>());
    }
    EXPECT_EQ(roles, (std::set<std::string>{"secretariat_admin", "secretariat_user", "facility_manager", "facility_user",
                                            "family"}));
    // The people without a sign-in are invited; their mail waits in the development outbox.
    const auto invited = database().count_rows("accounts WHERE status = 'invited'");
    EXPECT_GT(invited, 0);
    EXPECT_EQ(database().count_rows("mail_outbox WHERE status = 'kept'"), invited);

    // A restart keeps what is there.
    const auto before = database().count_rows("accounts");
    database().exec("UPDATE accounts SET name = '変更済み' WHERE login = 'asuwa-yamada'");
    server.reset();
    server = start_server(config());
    EXPECT_EQ(database().count_rows("accounts"), before);
    EXPECT_EQ(database().query_value("SELECT name FROM accounts WHERE login = 'asuwa-yamada'"), "変更済み");
}

// accounts.json's "patients" lists what each account sees (the master list and "my patients"):
// ids that hold because the demo goes into an empty database in the files' order. The patients
// cover the contract's cases: teams across facilities, an e-signature, a paper form, one without
// consent, one withdrawn, family accounts.
TEST_F(DemoData, PatientIdsArePredictableAndEachAccountSeesItsList) {
    auto server = start_server(config());
    const Json region = read_json(k_demo / "region.json");
    const Json& patients = region["patients"];
    ASSERT_EQ(database().count_rows("patients"), static_cast<long long>(patients.size()));
    for (std::size_t i = 0; i < patients.size(); ++i)
        EXPECT_EQ(database().query_value("SELECT name FROM patients WHERE id = " + std::to_string(i + 1)),
                  patients[i]["name"].get<std::string>()) << "patient i of region.json has id i + 1";
    EXPECT_EQ(database().count_rows("consents WHERE method = 'e_signature' AND withdrawn_at IS NULL"), 1);
    EXPECT_EQ(database().count_rows("consents WHERE method = 'paper'"), 1);
    EXPECT_EQ(database().count_rows("consents WHERE withdrawn_at IS NOT NULL"), 1);
    EXPECT_EQ(database().count_rows("patients p WHERE NOT EXISTS (SELECT 1 FROM consents c WHERE c.patient_id = p.id)"), 1);
    EXPECT_GE(database().count_rows("(SELECT DISTINCT team_id FROM team_members) t"), 4);
    EXPECT_GT(database().count_rows("(SELECT team_id FROM team_members GROUP BY team_id HAVING count(DISTINCT facility_id) >= 3) t"), 0)
        << "a team across facilities";

    for (const auto& a : read_json(k_demo / "accounts.json")) {
        SCOPED_TRACE(a["login"].get<std::string>());
        ASSERT_TRUE(a.contains("patients"));
        const Session s = sign_in(server->port(), a["login"], a["password"]);
        std::set<std::int64_t> seen;
        const Json mine = s.get("/api/v1/my/patients").json();
        for (const auto& p : mine["patients"]) seen.insert(p["id"].get<std::int64_t>());
        auto master = s.get("/api/v1/patients");
        const Json listed = master.status == 200 ? master.json() : Json{{"patients", Json::array()}};
        for (const auto& p : listed["patients"]) seen.insert(p["id"].get<std::int64_t>());
        EXPECT_EQ(seen, a["patients"].get<std::set<std::int64_t>>());
    }
}

// With the production Argon2id limits (each distinct password hashed once, in parallel). How long
// that takes is not asserted here (tests never assert wall-clock times; on a loaded CI machine it
// took 2.4-5.4 s): the server logs it ("demo data loaded in N s") when tools/run loads it.
TEST_F(DemoData, LoadsWithTheProductionPasswordLimits) {
    db::Database db(database().url());
    ASSERT_TRUE(db::migrate(db, db::embedded_migrations()).ok());
    services::PasswordHasher hasher("interactive");
    services::InvitationSettings links("http://127.0.0.1:8080");
    services::Outbox outbox(false, "mimamori@localhost");
    auto loaded = services::load_demo_data(db, k_demo, hasher, {links, outbox, std::nullopt});
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_TRUE(loaded->loaded);
    EXPECT_EQ(loaded->facilities, facility_types().size());
    db.drop_connection();
}

TEST_F(DemoData, WrongFilesStopTheStartWithTheReason) {
    char pattern[] = "/tmp/mimamori-demo-XXXXXX";
    const std::filesystem::path dir = ::mkdtemp(pattern);
    std::filesystem::copy_file(k_demo / "region.json", dir / "region.json");
    Json accounts = read_json(k_demo / "accounts.json");
    accounts[2]["role"] = "secretariat_admin"; // a facility manager in region.json
    std::ofstream(dir / "accounts.json") << accounts.dump();
    auto c = config();
    c.demo_data = dir;
    server::Server server(c);
    auto started = server.start();
    ASSERT_FALSE(started.ok());
    EXPECT_NE(started.error().message.find("accounts.json"), std::string::npos) << started.error().message;
    EXPECT_NE(started.error().message.find(accounts[2]["login"].get<std::string>()), std::string::npos);
    EXPECT_EQ(database().count_rows("accounts"), 0);
    EXPECT_EQ(database().count_rows("facilities"), 0);

    accounts = read_json(k_demo / "accounts.json");
    accounts[0]["password"] = "short";
    std::ofstream(dir / "accounts.json", std::ios::trunc) << accounts.dump();
    server::Server weak(c);
    auto refused = weak.start();
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("at least 13"), std::string::npos) << refused.error().message;
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace mimamori::test
